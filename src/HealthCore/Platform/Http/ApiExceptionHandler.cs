using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace HealthCore.Platform.Http;

/// <summary>Maps whatever escapes an endpoint to a ProblemDetails; only the truly unexpected becomes a 500.</summary>
internal sealed partial class ApiExceptionHandler(IProblemDetailsService problemDetails, ILogger<ApiExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException bad => FromBadRequest(bad),
            DbUpdateConcurrencyException => new ProblemDetails
            {
                Status = StatusCodes.Status412PreconditionFailed,
                Title = "The resource was changed by someone else.",
                Detail = "Read the resource again and retry with its current ETag in If-Match.",
            },
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => null,
            _ when IsDatabaseUnavailable(exception) => Unavailable(httpContext),
            _ => null,
        };

        if (problem is null)
        {
            if (httpContext.RequestAborted.IsCancellationRequested)
            {
                return true;
            }

            LogUnhandled(exception, httpContext.Request.Method, httpContext.Request.Path);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "An unexpected error occurred.",
                Detail = "The error has been logged; quote the correlationId when reporting it.",
            };
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary>
    /// The database down, unreachable, overloaded or locked beyond its timeout: the request may well succeed later,
    /// so it is a 503 the client can retry rather than a 500 to report. Found anywhere in the exception chain, since
    /// EF wraps the driver's exceptions (DbUpdateException, InvalidOperationException from the execution strategy).
    /// </summary>
    internal static bool IsDatabaseUnavailable(Exception? exception) => exception switch
    {
        null => false,
        RetryLimitExceededException or TimeoutException => true,
        Npgsql.NpgsqlException npgsql when npgsql.IsTransient => true,
        Microsoft.Data.Sqlite.SqliteException sqlite when sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked or SqliteCantOpen => true,
        _ => IsDatabaseUnavailable(exception.InnerException),
    };

    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteCantOpen = 14;
    private const int RetryAfterSeconds = 5;

    private ProblemDetails Unavailable(HttpContext httpContext)
    {
        LogUnavailable(httpContext.Request.Method, httpContext.Request.Path);
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "The database is unavailable.",
            Detail = $"The service cannot reach its database right now; retry after {RetryAfterSeconds} seconds.",
        };
    }

    private static ProblemDetails FromBadRequest(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
        {
            return JsonProblem.From(json);
        }

        if (bad.StatusCode == StatusCodes.Status400BadRequest && BoundParameter().Match(bad.Message) is { Success: true } parameter)
        {
            // A route, query or header value that does not parse (or a required one missing): named like a body field.
            var name = JsonNamingPolicy.CamelCase.ConvertName(parameter.Groups[1].Value);
            return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [name] = [bad.Message] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request is invalid.",
                Detail = bad.Message,
            };
        }

        return new ProblemDetails
        {
            Status = bad.StatusCode,
            Title = bad.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
                StatusCodes.Status415UnsupportedMediaType => "The request body must be JSON (Content-Type: application/json).",
                _ => "The request is invalid.",
            },
            Detail = bad.Message,
        };
    }

    // ASP.NET Core's binding failures: 'Failed to bind parameter "int? limit" from "x".' and
    // 'Required parameter "DateOnly from" was not provided from query string.'
    [GeneratedRegex("^(?:Failed to bind|Required) parameter \"(?:[^\"]*\\s)?([A-Za-z_][A-Za-z0-9_]*)\"", RegexOptions.None, matchTimeoutMilliseconds: 100)]
    private static partial Regex BoundParameter();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable for {Method} {Path}")]
    private partial void LogUnavailable(string method, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
    private partial void LogUnhandled(Exception exception, string method, string path);
}
