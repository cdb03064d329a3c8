using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace HealthCore.Tests.Platform.Http;

/// <summary>
/// Request validation walks the objects a client sent, never the services a handler receives: walking a DbContext
/// enumerates every DbSet, which loads whole tables into its change tracker and makes later reads return stale rows.
/// </summary>
public sealed class RequestValidationScopeTests
{
    [Fact]
    public async Task A_service_parameter_is_not_walked_but_the_same_type_sent_as_a_body_is()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddScoped<ShelfOfItems>();
        await using var app = builder.Build();
        var api = app.MapGroup("/").WithRequestValidation();
        api.MapGet("/service", (ShelfOfItems shelf) => shelf.Walked ? "walked" : "untouched");
        api.MapPost("/body", (ShelfRequest request) => "accepted");
        await app.StartAsync();
        var client = app.GetTestClient();

        (await client.GetStringAsync("/service")).ShouldBe("untouched");
        var invalid = await client.PostAsJsonAsync("/body", new { items = new[] { new { name = "" } } });
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await invalid.Content.ReadAsStringAsync()).ShouldContain("items[0].name");
    }
}

/// <summary>A service shaped like a DbContext: a property listing items that carry validation rules.</summary>
internal sealed class ShelfOfItems
{
    private readonly List<ShelfItem> items = [new ShelfItem { Name = "" }];

    public bool Walked { get; private set; }

    public IEnumerable<ShelfItem> Items
    {
        get
        {
            Walked = true;
            return items;
        }
    }
}

internal sealed class ShelfItem
{
    [System.ComponentModel.DataAnnotations.Required(AllowEmptyStrings = false)]
    public string Name { get; init; } = "";
}

internal sealed record ShelfRequest(IReadOnlyList<ShelfItem> Items);
