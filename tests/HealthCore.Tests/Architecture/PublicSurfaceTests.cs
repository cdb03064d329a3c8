using HealthCore.Tests.Architecture.Fakes;
using HealthCore.Tests.Architecture.Fakes.Modules.Admissions;

namespace HealthCore.Tests.Architecture;

public sealed class PublicSurfaceTests
{
    [Fact]
    public void Nothing_in_the_service_is_public_except_Program_and_the_modules_Contracts()
    {
        var modules = new ModuleNamespaces(ModuleNamespaces.ServiceRoot);

        PublicSurface.Violations(typeof(Program).Assembly.GetTypes(), modules, typeof(Program))
            .ShouldBeEmpty("make these internal, or move them to their module's Contracts namespace");
    }

    [Fact]
    public void The_public_surface_check_reports_public_types_outside_Contracts_only()
    {
        PublicSurface.Violations(FakeModules.Types, FakeModules.Namespaces)
            .ShouldBe([typeof(Fakes.Modules.Admissions.ContractsLegacy.LegacyContract), typeof(PublicOutsideContracts)]);
        FakeModules.Types.ShouldContain(typeof(Fakes.Modules.Beds.Contracts.BedReleased));
        FakeModules.Types.ShouldContain(typeof(Fakes.Modules.Admissions.Contracts.PatientAdmitted));
    }

    [Fact]
    public void The_public_surface_check_reads_Contracts_namespaces_exactly()
    {
        var modules = new ModuleNamespaces("HealthCore.Modules");

        modules.IsContracts(typeof(Fakes.Modules.Beds.Contracts.BedReleased)).ShouldBeFalse("outside the root");
        new ModuleNamespaces("HealthCore.Tests.Architecture.Fakes").IsContracts(typeof(Fakes.Modules.Beds.Contracts.BedReleased))
            .ShouldBeFalse("Contracts must be the segment right after the module name");
        FakeModules.Namespaces.IsContracts(typeof(Fakes.Modules.Beds.Contracts.BedReleased)).ShouldBeTrue();
        FakeModules.Namespaces.ModuleOf(typeof(Fakes.Modules.Beds.Contracts.BedReleased)).ShouldBe("Beds");
        FakeModules.Namespaces.ModuleOf(typeof(UsesOnlyContracts)).ShouldBe("Admissions");
        FakeModules.Namespaces.ModuleOf(typeof(ModuleBoundaryTests)).ShouldBeNull();
    }
}
