using HealthCore.Modules.Clinical.Contracts;
using HealthCore.Modules.Identity.Contracts;
using HealthCore.Modules.Practitioners.Contracts;

namespace HealthCore.Modules.Laboratory;

/// <summary>
/// Who answers for a critical result, level by level: 0 the ordering team (the ordering practitioner's user, else
/// the encounter department's physicians and nurses), 1 the physicians and nurses of the encounter's department,
/// 2 the laboratory's medical on-call: the Pathologists working in the request's facility, or its Admins when it has
/// none. Each level has Laboratory:CriticalEscalationMinutes to acknowledge before the next is told; a level that
/// reaches nobody passes straight on to the next.
/// </summary>
internal sealed class CriticalEscalationChain(LabNotifier notifier, IPractitionerDirectory practitioners, IEncounterDirectory encounters, IUserDirectory users)
{
    public const int LastLevel = 2;

    public static string NameOf(int level) => level switch
    {
        0 => "orderingTeam",
        1 => "department",
        _ => "laboratoryOnCall",
    };

    public async Task<IReadOnlyList<Guid>> RecipientsAsync(int level, LabRequest request, CancellationToken cancellationToken)
    {
        switch (level)
        {
            case 0:
                return await notifier.OrderingTeamAsync(request, cancellationToken);
            case 1:
                return await encounters.FindEncounterAsync(request.EncounterId, cancellationToken) is { } encounter
                    ? await practitioners.ClinicalUsersOfDepartmentAsync(encounter.DepartmentId, cancellationToken)
                    : [];
            default:
                var pathologists = await users.ActiveUsersInRolesAsync([Roles.Pathologist], request.FacilityId, cancellationToken);
                return pathologists.Count > 0 ? pathologists : await users.ActiveUsersInRolesAsync([Roles.Admin], request.FacilityId, cancellationToken);
        }
    }
}
