namespace HealthCore.Tests.Architecture.Fakes.Modules.Beds.Contracts;

// The fake module "Beds"' public surface.
public sealed record BedReleased(Guid BedId);

public interface IBedAvailability
{
    int FreeBeds(Guid wardId);
}
