using HealthCore.Tests.Architecture.Fakes;
using HealthCore.Tests.Architecture.Fakes.Modules.Admissions;

namespace HealthCore.Tests.Architecture;

public sealed class ModuleBoundaryTests
{
    private static readonly Type[] ServiceTypes = typeof(Program).Assembly.GetTypes();

    [Fact]
    public void Modules_reference_other_modules_only_through_their_Contracts()
    {
        var modules = new ModuleNamespaces(ModuleNamespaces.ServiceRoot);

        ModuleBoundaries.Check(ServiceTypes, modules).Select(violation => violation.ToString())
            .ShouldBeEmpty("use the other module's Contracts (integration events, read interfaces) instead");
    }

    [Fact]
    public void The_boundary_check_reads_the_service_assembly_signatures_and_method_bodies()
    {
        // Platform folders taken as if they were modules: the database layer does reach into the events folder.
        var violations = ModuleBoundaries.Check(ServiceTypes, new ModuleNamespaces("HealthCore.Platform"));

        violations.ShouldContain(v => v.SourceType == typeof(HealthCore.Platform.Database.ModuleDbContext)
            && v.To == typeof(HealthCore.Platform.Events.OutboxMessage) && v.Via.StartsWith("call to For", StringComparison.Ordinal));
    }

    [Fact]
    public void The_boundary_check_accepts_references_to_Contracts_and_to_the_own_module() =>
        ModuleBoundaries.Check(FakeModules.Types, FakeModules.Namespaces)
            .Where(violation => violation.SourceType == typeof(UsesOnlyContracts) || violation.SourceType == typeof(AdmissionsHelper)
                || violation.From.Namespace!.EndsWith(".Beds", StringComparison.Ordinal))
            .ShouldBeEmpty();

    public static TheoryData<Type, string> Offenders => new()
    {
        { typeof(FieldOfInternalType), "field Ledger" },
        { typeof(PropertyOfInternalType), "property Entry" },
        { typeof(ParameterOfInternalType), "parameter entry of Use" },
        { typeof(ReturnsInternalType), "return type of Find" },
        { typeof(DerivesFromInternalType), "base type" },
        { typeof(ImplementsInternalInterface), "interface" },
        { typeof(GenericArgumentOfInternalType), "property Entries" },
        { typeof(CallsInternalMethodInBody), "call to Count in Run" },
        { typeof(CreatesInternalTypeInBody), "call to .ctor in Run" },
        { typeof(ReadsInternalStaticFieldInBody), "field Shared used in Run" },
        { typeof(ReadsInternalPropertyInBody), "call to get_Free in Run" },
        { typeof(TypeofInternalTypeInBody), "body of Run" },
        { typeof(CastsToInternalTypeInBody), "body of Run" },
        { typeof(InternalTypeInLambda), "body of <Run>" },
        { typeof(InternalTypeInAsyncMethod), "field <entry>" },
        { typeof(GenericMethodArgumentInBody), "generic argument of OfType in Run" },
        { typeof(AttributeFromInternalType), "attribute" },
        { typeof(CatchesInternalException), "catch in Run" },
    };

    [Fact]
    public void The_boundary_check_reports_exactly_the_types_that_reach_into_another_modules_internals() =>
        ModuleBoundaries.Check(FakeModules.Types, FakeModules.Namespaces).Select(violation => violation.SourceType).Distinct().OrderBy(type => type.Name)
            .ShouldBe(Offenders.Select(row => (Type)row[0]).OrderBy(type => type.Name));

    [Theory]
    [MemberData(nameof(Offenders))]
    public void The_boundary_check_reports_a_reference_to_another_modules_internals(Type offender, string via)
    {
        var violations = ModuleBoundaries.Check(FakeModules.Types, FakeModules.Namespaces).Where(violation => violation.SourceType == offender).ToList();

        violations.ShouldNotBeEmpty($"{offender.Name} reaches into Beds' internals");
        violations.ShouldAllBe(violation => violation.To.Namespace == "HealthCore.Tests.Architecture.Fakes.Modules.Beds");
        violations.Select(violation => violation.Via).ShouldContain(v => v.StartsWith(via, StringComparison.Ordinal), string.Join("\n", violations));
    }
}
