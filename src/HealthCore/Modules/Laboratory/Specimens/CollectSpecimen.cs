using System.ComponentModel.DataAnnotations;
using HealthCore.Modules.Laboratory.Contracts;
using HealthCore.Modules.Practitioners.Contracts;
using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Laboratory;

internal sealed record CollectSpecimenRequest
{
    public const int MaxItems = 50;

    /// <summary>The items collected into this specimen; default: every item awaiting collection.</summary>
    [MinLength(1), MaxLength(MaxItems)]
    public IReadOnlyList<Guid>? ItemIds { get; init; }

    /// <summary>Default now; not in the future, not before the order was placed.</summary>
    [PlausibleInstant]
    public DateTimeOffset? CollectedAt { get; init; }

    [StringLength(Specimen.TextLength)]
    public string? Site { get; init; }

    /// <summary>The specimen type; default: the catalogue's for the items.</summary>
    [StringLength(LabTest.TextLength)]
    public string? Type { get; init; }

    /// <summary>The container; default: the catalogue's for the items.</summary>
    [StringLength(LabTest.TextLength)]
    public string? Container { get; init; }

    [StringLength(Specimen.NoteLength)]
    public string? Note { get; init; }
}

/// <summary>
/// Records the collection of one specimen for items of a laboratory request and gives it the next accession number:
/// the items are collected (the order's items in progress, through LabWorkStarted) and wait for the laboratory's receipt.
/// </summary>
internal static class CollectSpecimen
{
    public static async Task<Results<Created<SpecimenResponse>, NotFoundProblem, ConflictProblem, UnprocessableProblem>> Handle(
        Guid orderId,
        CollectSpecimenRequest? collection,
        LaboratoryDb db,
        LabRequestIntake intake,
        AccessionNumbers accessions,
        IPractitionerDirectory practitioners,
        ICurrentTenant tenant,
        TimeProvider clock,
        HttpContext http,
        CancellationToken cancellationToken)
    {
        if (await intake.FindAsync(orderId, cancellationToken) is not { } request)
        {
            return SpecimenProblems.OrderNotFound(orderId);
        }

        if (request.CancelledAt is not null || request.Status == LabRequestStatus.Cancelled)
        {
            return SpecimenProblems.RequestCancelled(request);
        }

        var body = collection ?? new CollectSpecimenRequest();
        var now = clock.GetUtcNow();
        var collectedAt = body.CollectedAt ?? now;
        if (SpecimenSteps.Instant("collectedAt", collectedAt, now, request.OrderedAt, "the order was placed") is { } badTime)
        {
            return badTime;
        }

        var chosen = new List<LabRequestItem>();
        foreach (var (itemId, index) in (body.ItemIds ?? []).Select((itemId, index) => (itemId, index)))
        {
            if (request.Items.FirstOrDefault(i => i.Id == itemId) is not { } item)
            {
                return SpecimenProblems.Unprocessable($"itemIds[{index}]", $"The order has no item '{itemId}'.");
            }

            if (!chosen.Contains(item))
            {
                chosen.Add(item);
            }
        }

        var items = body.ItemIds is null ? [.. request.Items.Where(i => i.Status == LabItemStatus.AwaitingCollection)] : chosen;
        var notCollectable = body.ItemIds is null ? [] : items.Where(i => i.Status != LabItemStatus.AwaitingCollection).ToList();
        if (items.Count == 0 || notCollectable.Count > 0)
        {
            return SpecimenProblems.NotAwaitingCollection(notCollectable);
        }

        var type = SpecimenSteps.Trimmed(body.Type);
        var container = SpecimenSteps.Trimmed(body.Container);
        if ((type is null ? OneOf(items, i => i.SpecimenType, "type", out type) : null) is { } mixedTypes)
        {
            return mixedTypes;
        }

        if ((container is null ? OneOf(items, i => i.Container, "container", out container) : null) is { } mixedContainers)
        {
            return mixedContainers;
        }

        var tenantId = tenant.TenantId ?? throw new InvalidOperationException("Collecting a specimen needs a tenant.");
        var specimen = new Specimen
        {
            Id = Guid.CreateVersion7(),
            RequestId = request.Id,
            PatientId = request.PatientId,
            Accession = await accessions.NextAsync(tenantId, collectedAt, cancellationToken),
            ItemIds = [.. items.Select(i => i.Id)],
            Type = type,
            Container = container,
            BodySite = SpecimenSteps.Trimmed(body.Site),
            CollectedAt = collectedAt,
            CollectedBy = tenant.UserId,
            CollectorPractitionerId = tenant.UserId is { } user ? await practitioners.PractitionerIdOfUserAsync(user, cancellationToken) : null,
            Note = SpecimenSteps.Trimmed(body.Note),
            Status = SpecimenStatus.Collected,
            UpdatedAt = now,
        };
        db.Specimens.Add(specimen);
        foreach (var item in items)
        {
            item.Status = LabItemStatus.Collected;
            item.SpecimenId = specimen.Id;
            item.CollectedAt = collectedAt;
            item.StatusChangedAt = now;
        }

        request.Settle(now);
        db.AuditAs(specimen, "collect");
        db.AuditAs(request, "collect");
        db.Publish(new LabWorkStarted(request.Id, specimen.ItemIds, collectedAt), now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return SpecimenProblems.ChangedConcurrently();
        }

        http.SetETag(specimen);
        return TypedResults.Created($"/api/v1/lab/specimens/{specimen.Id}", SpecimenResponse.From(specimen));
    }

    // Items with different catalogue specimens (serum and whole blood) go into different tubes: one collection is one tube.
    private static UnprocessableProblem? OneOf(List<LabRequestItem> items, Func<LabRequestItem, string?> of, string field, out string? value)
    {
        var distinct = items.Select(of).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        value = distinct.Count == 1 ? distinct[0] : null;
        return distinct.Count > 1
            ? SpecimenProblems.Unprocessable(field, $"The items need different specimens ({string.Join(", ", distinct)}): collect them separately (itemIds), or state the {field}.")
            : null;
    }
}
