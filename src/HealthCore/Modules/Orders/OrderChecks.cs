using HealthCore.Modules.Clinical.Contracts;
using HealthCore.Modules.Laboratory.Contracts;
using HealthCore.Modules.Practitioners.Contracts;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthCore.Modules.Orders;

/// <summary>
/// The checks a draft's details pass whenever they are written (create and PATCH), beyond each field's own format:
/// what the category allows, and that the performer and the referral letter exist where the caller may see them.
/// </summary>
internal sealed class OrderChecks(IPractitionerDirectory practitioners, IEncounterDirectory encounters, ILabTestCatalog catalog)
{
    public const string ReferralLetterType = "referralLetter";

    /// <summary>
    /// The problem with the details, or none with the catalogue definitions of a laboratory order's items (every
    /// laboratory item must be an active test or panel of the tenant's catalogue).
    /// </summary>
    public async Task<(IReadOnlyDictionary<string, LabTestDefinition> Tests, ValidationProblem? Problem)> DetailsAsync(
        OrderCategory category, Guid patientId, OrderContent details, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var tests = new Dictionary<string, LabTestDefinition>(StringComparer.Ordinal);
        for (var i = 0; category == OrderCategory.Laboratory && i < details.Items!.Count; i++)
        {
            var code = details.Items[i].Code.Trim();
            if (await catalog.FindAsync(code, cancellationToken) is { Active: true } test)
            {
                tests[code] = test;
            }
            else
            {
                errors[$"items[{i}].code"] = [$"'{code}' is not an active test or panel of the laboratory catalogue; search /api/v1/lab/tests for one."];
            }
        }

        var referral = category == OrderCategory.Referral;
        if (referral && details.Items!.Count != 1)
        {
            errors["items"] = ["A referral has exactly one item: the specialty (or service) the patient is referred to."];
        }

        if (!referral && details.PerformerPractitionerId is not null)
        {
            errors["performerPractitionerId"] = ["Only a referral names a performing practitioner; other orders go to a department."];
        }

        if (!referral && details.ReferralLetterNoteId is not null)
        {
            errors["referralLetterNoteId"] = ["Only a referral carries a referral letter."];
        }

        if (details.PerformerDepartmentId is null && !(referral && details.PerformerPractitionerId is not null))
        {
            errors["performerDepartmentId"] = [referral
                ? "A referral goes to a department or a practitioner: give performerDepartmentId or performerPractitionerId."
                : "The department that performs the order is required."];
        }
        else if (details.PerformerDepartmentId is { } department
            && await practitioners.FindDepartmentAsync(department, cancellationToken) is not { Active: true })
        {
            errors["performerDepartmentId"] = [$"No active department '{department}' exists in this tenant."];
        }

        if (referral && details.PerformerPractitionerId is { } practitioner
            && await practitioners.FindPractitionerAsync(practitioner, cancellationToken) is not { Active: true })
        {
            errors["performerPractitionerId"] = [$"No active practitioner '{practitioner}' exists in this tenant."];
        }

        if (referral && details.ReferralLetterNoteId is { } letter && await LetterProblemAsync(letter, patientId, cancellationToken) is { } wrong)
        {
            errors["referralLetterNoteId"] = [wrong];
        }

        return errors.Count == 0 ? (tests, null) : (tests, FieldErrors.Invalid(errors));
    }

    /// <summary>The panels among the tests, with the tests each stands for.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Panels(IReadOnlyDictionary<string, LabTestDefinition> tests) =>
        tests.Values.Where(t => t.Kind == "panel").ToDictionary(t => t.Code, t => t.ExpandedTestCodes, StringComparer.Ordinal);

    /// <summary>The practitioner the order is requested by: the given one if it exists, else the one linked to the user.</summary>
    public async Task<(Guid? Requester, ValidationProblem? Problem)> RequesterAsync(Guid? requesterId, Guid? userId, CancellationToken cancellationToken)
    {
        if (requesterId is { } given)
        {
            return await practitioners.FindPractitionerAsync(given, cancellationToken) is { Active: true }
                ? (given, null)
                : (null, FieldErrors.Invalid("requesterId", $"No active practitioner '{given}' exists in this tenant."));
        }

        return userId is { } user && await practitioners.PractitionerIdOfUserAsync(user, cancellationToken) is { } linked
            ? (linked, null)
            : (null, FieldErrors.Invalid("requesterId", "Required: your user account is linked to no practitioner, so name the practitioner who requests the order."));
    }

    /// <summary>Whether the user is on the order's requester side: they wrote it, or they are the requesting practitioner.</summary>
    public async Task<bool> IsRequesterSideAsync(Order order, Guid? userId, CancellationToken cancellationToken) =>
        userId is { } user
        && (order.EnteredBy == user || await practitioners.PractitionerIdOfUserAsync(user, cancellationToken) == order.RequesterId);

    /// <summary>Whether the user is on a referral's receiving side: the practitioner referred to, or a member of the department referred to.</summary>
    public async Task<bool> IsReceivingSideAsync(Order order, Guid? userId, CancellationToken cancellationToken)
    {
        if (userId is not { } user || await practitioners.PractitionerIdOfUserAsync(user, cancellationToken) is not { } practitionerId)
        {
            return false;
        }

        if (practitionerId == order.PerformerPractitionerId)
        {
            return true;
        }

        return order.PerformerDepartmentId is { } department
            && await practitioners.FindPractitionerAsync(practitionerId, cancellationToken) is { } practitioner
            && practitioner.ActiveDepartments.Any(m => m.DepartmentId == department);
    }

    /// <summary>Placing needs the encounter to take records still, and a referral its letter, signed.</summary>
    public async Task<ApiProblem?> PlacementAsync(Order order, CancellationToken cancellationToken)
    {
        if (await encounters.FindEncounterAsync(order.EncounterId, cancellationToken) is not { } encounter)
        {
            return NotFoundProblem.For("Encounter", order.EncounterId);
        }

        if (encounter.IsVoid)
        {
            return OrderProblems.EncounterVoid(encounter);
        }

        if (order.Category != OrderCategory.Referral)
        {
            return null;
        }

        if (order.ReferralLetterNoteId is not { } letter)
        {
            return OrderProblems.Unplaceable("referralLetterNoteId", "A referral is placed with its referral letter attached: write one (a note of type referralLetter), sign it and attach it.");
        }

        return await encounters.FindNoteAsync(letter, cancellationToken) is { Signed: true }
            ? null
            : OrderProblems.Unplaceable("referralLetterNoteId", "The referral letter must be signed before the referral is placed.");
    }

    private async Task<string?> LetterProblemAsync(Guid letter, Guid patientId, CancellationToken cancellationToken) =>
        await encounters.FindNoteAsync(letter, cancellationToken) switch
        {
            null => $"No note '{letter}' exists that you may see.",
            { PatientId: var patient } when patient != patientId => "The note is about another patient.",
            { Type: not ReferralLetterType } => "The note is not a referral letter (type referralLetter).",
            _ => null,
        };
}
