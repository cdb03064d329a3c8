using HealthCore.Tests.Architecture.Fakes.Modules.Admissions.Contracts;
using HealthCore.Tests.Architecture.Fakes.Modules.Beds;
using HealthCore.Tests.Architecture.Fakes.Modules.Beds.Contracts;

namespace HealthCore.Tests.Architecture.Fakes.Modules.Admissions;

// The fake module "Admissions": one type per way of reaching into another module, and types that stay within the rules.

internal sealed class UsesOnlyContracts(IBedAvailability beds) : IComparable<BedReleased>
{
    private readonly List<BedReleased> released = [];

    public BedReleased? Last { get; private set; }

    public static Type EventType => typeof(BedReleased);

    public int Admit(Guid ward, PatientAdmitted admitted)
    {
        Last = new BedReleased(admitted.PatientId);
        released.Add(Last);
        Func<int> free = () => beds.FreeBeds(ward) + new AdmissionsHelper().Value;
        return free();
    }

    public int CompareTo(BedReleased? other) => 0;
}

internal sealed class AdmissionsHelper
{
    public int Value { get; init; } = 1;
}

public sealed class PublicOutsideContracts;

internal sealed class FieldOfInternalType
{
    public BedLedger? Ledger = BedLedger.Shared;
}

internal sealed class PropertyOfInternalType
{
    public BedLedgerEntry? Entry { get; set; }
}

internal sealed class ParameterOfInternalType
{
    public static int Use(BedLedgerEntry entry) => entry.Bed;
}

internal sealed class ReturnsInternalType
{
    public static BedLedgerEntry? Find() => null;
}

internal sealed class DerivesFromInternalType : BedLedger;

internal sealed class ImplementsInternalInterface : IBedLedger;

internal sealed class GenericArgumentOfInternalType
{
    public Dictionary<Guid, BedLedgerEntry[]> Entries { get; } = [];
}

internal sealed class CallsInternalMethodInBody
{
    public static int Run() => BedLedger.Count();
}

internal sealed class CreatesInternalTypeInBody
{
    public static object Run() => new BedLedgerEntry(1);
}

internal sealed class ReadsInternalStaticFieldInBody
{
    public static object Run() => BedLedger.Shared;
}

internal sealed class ReadsInternalPropertyInBody
{
    public static int Run() => BedLedger.Free;
}

internal sealed class TypeofInternalTypeInBody
{
    public static Type Run() => typeof(BedLedgerEntry);
}

internal sealed class CastsToInternalTypeInBody
{
    public static bool Run(object value) => value is BedLedgerEntry;
}

internal sealed class InternalTypeInLambda
{
    public static Func<object, int> Run() => value => ((BedLedgerEntry)value).Bed;
}

internal sealed class InternalTypeInAsyncMethod
{
    public static async Task<int> RunAsync()
    {
        var entry = new BedLedgerEntry(2);
        await Task.Yield();
        return entry.Bed;
    }
}

internal sealed class GenericMethodArgumentInBody
{
    public static List<object> Run() => [.. Enumerable.Empty<object>().OfType<BedLedgerEntry>()];
}

[BedAudit]
internal sealed class AttributeFromInternalType;

internal sealed class CatchesInternalException
{
    public static int Run(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (BedLedgerException)
        {
            return 0;
        }
    }
}
