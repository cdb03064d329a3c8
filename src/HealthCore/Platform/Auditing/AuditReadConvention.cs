using HealthCore.Platform.Security;

namespace HealthCore.Platform.Auditing;

internal static class AuditReadConvention
{
    /// <summary>
    /// Records a "read" of <paramref name="entityType"/> (id from the route value <paramref name="idRouteValue"/>) in the
    /// caller's audit chain after the handler succeeded and before the response is written. If the record cannot be
    /// written the request fails: clinical access logs are mandatory, so no record means no data. Reads arriving
    /// together are committed together (<see cref="ReadAuditLog"/>).
    /// </summary>
    public static TBuilder AuditRead<TBuilder>(this TBuilder builder, string entityType, string idRouteValue = "id")
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (invocation, next) =>
        {
            var result = await next(invocation);
            if (IsSuccess(result))
            {
                var http = invocation.HttpContext;
                await RecordReadAsync(http, entityType, http.GetRouteValue(idRouteValue)?.ToString());
            }

            return result;
        });

    /// <summary>Records a "read" of one entity by the caller, for handlers whose reads are not of the route's id (e.g. the patients a list shows).</summary>
    public static Task RecordReadAsync(HttpContext http, string entityType, string? entityId)
    {
        var services = http.RequestServices;
        var caller = services.GetRequiredService<ICurrentTenant>();
        var read = new AuditEvent(
            "read",
            entityType,
            entityId,
            caller.TenantId ?? AuditRecord.PlatformChain,
            AuditActor.Of(http, caller.UserId),
            services.GetRequiredService<TimeProvider>().GetUtcNow());
        return services.GetRequiredService<ReadAuditLog>().RecordAsync(read, http.RequestAborted);
    }

    private static bool IsSuccess(object? result)
    {
        while (result is INestedHttpResult nested)
        {
            result = nested.Result;
        }

        return result is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 };
    }
}
