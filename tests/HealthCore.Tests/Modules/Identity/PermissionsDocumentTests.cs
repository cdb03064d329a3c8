using HealthCore.Modules.Identity.Contracts;

namespace HealthCore.Tests.Modules.Identity;

public sealed class PermissionsDocumentTests
{
    /// <summary>Set to 1 to rewrite docs/permissions.md from the code (scripts/update-permissions.sh does this).</summary>
    public const string UpdateVariable = "HEALTHCORE_UPDATE_PERMISSIONS";

    [Fact]
    public async Task The_committed_permissions_document_matches_the_role_table_in_code()
    {
        var rendered = Permissions.Render();
        var path = Path.Combine(Repository.Root, "docs", "permissions.md");

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(path, rendered);
        }

        File.Exists(path).ShouldBeTrue($"{path} is missing; run ./scripts/update-permissions.sh");
        (await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n")
            .ShouldBe(rendered, "docs/permissions.md is out of date; run ./scripts/update-permissions.sh and commit the result.");
    }

    [Fact]
    public void Every_role_is_in_the_table_and_grants_only_declared_permissions()
    {
        var declared = Permissions.All.Select(p => p.Name).ToHashSet();

        Permissions.ByRole.Keys.ShouldBe(Roles.All, ignoreOrder: true);
        Permissions.ByRole.Values.SelectMany(p => p).Where(p => !declared.Contains(p)).ShouldBeEmpty();
        declared.Count.ShouldBe(Permissions.All.Count, "permission names are unique");
    }

    [Fact]
    public void Effective_permissions_are_the_union_over_roles_and_unknown_roles_grant_nothing()
    {
        Permissions.ForRoles([Roles.LabTechnician, Roles.Auditor])
            .ShouldBe(Permissions.ByRole[Roles.LabTechnician].Union(Permissions.ByRole[Roles.Auditor]), ignoreOrder: true);
        Permissions.ForRoles(["Janitor", "admin"]).ShouldBeEmpty("role names are exact");
        Permissions.ForRoles([Roles.PlatformAdmin]).ShouldBe([Permissions.TenantsManage]);
    }
}
