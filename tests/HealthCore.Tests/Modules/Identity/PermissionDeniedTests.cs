namespace HealthCore.Tests.Modules.Identity;

public abstract class PermissionDeniedTests(HealthCoreApp app)
{
    [Theory]
    [InlineData("POST", "/api/v1/wards", "beds.write")]
    [InlineData("GET", "/api/v1/patients", "patients.read")]
    public async Task A_403_names_the_missing_permission(string method, string path, string permission)
    {
        var client = HealthCoreApp.Authorize(app.CreateClient(), roles: "");
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { });
        }

        var problem = await ProblemAssertions.ShouldBeProblemAsync(await client.SendAsync(request), HttpStatusCode.Forbidden);

        problem.GetProperty("missingPermission").GetString().ShouldBe(permission);
        problem.GetProperty("detail").GetString()!.ShouldContain(permission);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PermissionDeniedTests_on_Postgres(PostgresApp app) : PermissionDeniedTests(app);

[Collection(SqliteCollection.Name)]
public sealed class PermissionDeniedTests_on_Sqlite(SqliteApp app) : PermissionDeniedTests(app);
