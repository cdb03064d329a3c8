namespace HealthCore.Tests.Architecture.Fakes.Modules.Beds;

// A fake module "Beds": its internals, which the fake module "Admissions" must not touch.
internal class BedLedger
{
    public static readonly BedLedger Shared = new();

    public static int Free => 3;

    public static int Count() => 1;
}

internal interface IBedLedger;

internal sealed record BedLedgerEntry(int Bed);

[AttributeUsage(AttributeTargets.All)]
internal sealed class BedAuditAttribute : Attribute;

internal sealed class BedLedgerException : Exception
{
    public BedLedgerException()
    {
    }

    public BedLedgerException(string message)
        : base(message)
    {
    }

    public BedLedgerException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
