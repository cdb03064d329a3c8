using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HealthCore.Tests.Platform.OpenApi;

/// <summary>The document says what the server accepts and returns, so a client generated from it is correct.</summary>
public sealed partial class OpenApiContractTests(ShippedServiceApp app) : IClassFixture<ShippedServiceApp>
{
    [Fact]
    public void No_two_CLR_types_share_a_schema_name()
    {
        var names = app.Services.GetRequiredService<IOptionsMonitor<OpenApiOptions>>().Get("v1");
        var json = app.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var types = new HashSet<Type>();
        foreach (var description in app.Services.GetRequiredService<IApiDescriptionGroupCollectionProvider>().ApiDescriptionGroups.Items.SelectMany(g => g.Items))
        {
            foreach (var type in description.ParameterDescriptions.Select(p => p.Type).Concat(description.SupportedResponseTypes.Select(r => r.Type)))
            {
                Collect(type, json, types);
            }
        }

        var clashes = types
            .Select(type => (Type: type, Name: names.CreateSchemaReferenceId(json.GetTypeInfo(type))))
            .Where(entry => entry.Name is not null)
            .GroupBy(entry => entry.Name)
            .Where(group => group.Select(entry => entry.Type).Distinct().Count() > 1)
            .Select(group => $"{group.Key}: {string.Join(", ", group.Select(entry => entry.Type.FullName))}")
            .ToList();

        types.Count.ShouldBeGreaterThan(100);
        clashes.ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_operation_has_a_unique_camelCase_operationId_a_summary_and_a_description()
    {
        var operations = Operations(await DocumentAsync()).ToList();

        operations.Count.ShouldBeGreaterThan(90);
        foreach (var (route, operation) in operations)
        {
            operation.TryGetProperty("operationId", out var id).ShouldBeTrue(route);
            CamelCase().IsMatch(id.GetString()!).ShouldBeTrue($"{route}: {id}");
            operation.GetProperty("summary").GetString().ShouldNotBeNullOrWhiteSpace(route);
            operation.GetProperty("description").GetString().ShouldNotBeNullOrWhiteSpace(route);
        }

        operations.Select(o => o.Operation.GetProperty("operationId").GetString()).ShouldBeUnique();
    }

    [Fact]
    public async Task Request_fields_are_required_only_when_the_server_requires_them_and_null_only_where_it_is_a_value()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");

        Required(schemas, "CreateScheduleRequest").ShouldBe(["departmentId", "daysOfWeek", "startTime", "endTime", "effectiveFrom"], ignoreOrder: true);
        Types(schemas.GetProperty("CreateScheduleRequest").GetProperty("properties").GetProperty("startTime")).ShouldBe(["string"]);
        Types(schemas.GetProperty("CreateScheduleRequest").GetProperty("properties").GetProperty("capacity")).ShouldBe(["null", "integer"], ignoreOrder: true);

        // Clinical fields are left out for callers who may not see them, never written as null.
        var patient = schemas.GetProperty("PatientResponse");
        Required(schemas, "PatientResponse").ShouldNotContain("heightCm");
        Types(patient.GetProperty("properties").GetProperty("heightCm")).ShouldBe(["number"]);
        Required(schemas, "PatientResponse").ShouldContain("createdAt");
    }

    [Fact]
    public async Task Input_rules_are_stated_where_a_client_generator_or_a_reader_finds_them()
    {
        var document = await DocumentAsync();
        var schemas = document.GetProperty("components").GetProperty("schemas");
        string Property(string schema, string property, string keyword) =>
            schemas.GetProperty(schema).GetProperty("properties").GetProperty(property).GetProperty(keyword).ToString();

        Property("EmergencyContact", "phone", "pattern").ShouldBe(@"^\+[1-9][0-9]{6,14}$");
        Property("ContactPoint", "value", "description").ShouldContain("E.164");
        foreach (var (schema, property) in new[] { ("CreateUserRequest", "password"), ("NewTenantAdmin", "password"), ("ChangePasswordRequest", "newPassword") })
        {
            Property(schema, property, "minLength").ShouldBe("12");
            Property(schema, property, "description").ShouldContain("well-known password");
        }

        var search = document.GetProperty("paths").GetProperty("/api/v1/patients").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        search["identifier"].GetProperty("schema").GetProperty("pattern").GetString().ShouldBe(@"^[^|]+\|.+$");
        search["identifier"].GetProperty("description").ToString().ShouldContain("system|value");
        search["birthDate"].GetProperty("schema").GetProperty("pattern").GetString().ShouldNotBeNull();
        search["phone"].GetProperty("description").ToString().ShouldContain("E.164");
    }

    [Fact]
    public async Task Instants_are_date_time_strings_numbers_are_never_strings_and_enums_hold_no_null()
    {
        var defects = new List<string>();
        Walk((await DocumentAsync()).GetProperty("components"), "#/components", defects);

        defects.ShouldBeEmpty();
    }

    private async Task<JsonElement> DocumentAsync() =>
        JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;

    private static IEnumerable<(string Route, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(member => member.Name is "get" or "post" or "put" or "patch" or "delete")
            .Select(member => ($"{member.Name} {path.Name}", member.Value)));

    private static List<string> Required(JsonElement schemas, string name) =>
        schemas.GetProperty(name).TryGetProperty("required", out var required) ? [.. required.EnumerateArray().Select(r => r.GetString()!)] : [];

    private static List<string> Types(JsonElement schema) =>
        schema.GetProperty("type") is { ValueKind: JsonValueKind.Array } many ? [.. many.EnumerateArray().Select(t => t.GetString()!)] : [schema.GetProperty("type").GetString()!];

    private static void Walk(JsonElement node, string path, List<string> defects)
    {
        if (node.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in node.EnumerateArray())
            {
                Walk(item, $"{path}/{index++}", defects);
            }

            return;
        }

        if (node.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        // Keywords are strings and arrays; an object under the same name is a property called "format" or "enum".
        if (node.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.String && format.GetString() == "date-time" && !node.TryGetProperty("type", out _))
        {
            defects.Add($"{path}: date-time without a type");
        }

        if (node.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.Array)
        {
            var types = type.EnumerateArray().Select(t => t.GetString()).ToList();
            if (types.Contains("string") && (types.Contains("integer") || types.Contains("number")))
            {
                defects.Add($"{path}: a number that may be a string");
            }
        }

        if (node.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array && values.EnumerateArray().Any(v => v.ValueKind == JsonValueKind.Null))
        {
            defects.Add($"{path}: null in an enum");
        }

        foreach (var member in node.EnumerateObject())
        {
            Walk(member.Value, $"{path}/{member.Name}", defects);
        }
    }

    private static void Collect(Type? type, JsonSerializerOptions json, HashSet<Type> seen)
    {
        if (type is null || type == typeof(void))
        {
            return;
        }

        type = Nullable.GetUnderlyingType(type) ?? type;
        if (!seen.Add(type))
        {
            return;
        }

        var info = json.GetTypeInfo(type);
        Collect(info.ElementType, json, seen);
        Collect(info.KeyType, json, seen);
        if (info.Kind == JsonTypeInfoKind.Object)
        {
            foreach (var property in info.Properties)
            {
                Collect(property.PropertyType, json, seen);
            }
        }
    }

    [GeneratedRegex("^[a-z][a-zA-Z0-9]*$")]
    private static partial Regex CamelCase();
}
