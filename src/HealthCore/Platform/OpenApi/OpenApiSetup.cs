using Microsoft.OpenApi;

namespace HealthCore.Platform.OpenApi;

internal static class OpenApiSetup
{
    public const string BearerScheme = "Bearer";

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "HealthCore API",
                    Version = "v1",
                    Description = "Hospital management backend. Errors are RFC 9457 problem details.",
                };
                // Relative, so the document is right behind any host or proxy it is served from.
                document.Servers = [new OpenApiServer { Url = "/" }];
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "Access token from POST /api/v1/auth/login.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer<CommonErrorResponses>();

            // The generator leaves an optional instant with a null default as an empty schema ("anything").
            options.AddSchemaTransformer((schema, context, _) =>
            {
                if (schema.Type is null && Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) == typeof(DateTimeOffset))
                {
                    schema.Type = JsonSchemaType.String | JsonSchemaType.Null;
                    schema.Format = "date-time";
                }

                return Task.CompletedTask;
            });
        });

    public static void MapApiDocumentation(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.UseSwaggerUI(ui =>
        {
            ui.SwaggerEndpoint("/openapi/v1.json", "HealthCore API v1");
            ui.RoutePrefix = "swagger";
            ui.DocumentTitle = "HealthCore API";
        });
    }
}
