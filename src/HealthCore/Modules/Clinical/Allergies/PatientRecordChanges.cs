using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Clinical;

/// <summary>A patient-level clinical record (an allergy, a problem) that keeps its history and can be entered in error.</summary>
internal interface IPatientRecord<TState> : IHistoried<TState>
    where TState : class
{
    bool IsEnteredInError { get; }

    DateTimeOffset UpdatedAt { get; }

    /// <summary>verificationStatus → entered-in-error with the reason; clinicalStatus becomes absent, as FHIR requires.</summary>
    void EnterInError(string reason, DateTimeOffset at);
}

/// <summary>The steps every change of a patient-level record takes before its own: find it, honour If-Match, refuse one entered in error.</summary>
internal static class PatientRecordChanges
{
    public delegate Task<ConflictProblem?> Save<in TRecord>(TRecord record, string action, string? reason, CancellationToken cancellationToken);

    public static async Task<(TRecord? Record, ApiProblem? Refusal)> FindChangeableAsync<TRecord, TState>(
        ClinicalDb db, Guid id, string resource, HttpRequest request, bool ifMatchRequired, Func<ConflictProblem> enteredInError, CancellationToken cancellationToken)
        where TRecord : class, IPatientRecord<TState>
        where TState : class
    {
        if (await db.Set<TRecord>().SingleOrDefaultAsync(r => r.Id == id, cancellationToken) is not { } record)
        {
            return (null, NotFoundProblem.For(resource, id));
        }

        if ((ifMatchRequired || request.Headers.IfMatch.Count > 0) && db.CheckIfMatch(request, record) is { } precondition)
        {
            return (null, precondition);
        }

        return record.IsEnteredInError ? (null, enteredInError()) : (record, null);
    }

    public static async Task<Results<Ok<TState>, NotFoundProblem, ConflictProblem, PreconditionProblem>> MarkEnteredInErrorAsync<TRecord, TState>(
        ClinicalDb db, Guid id, string resource, EncounterReasonRequest request, Func<ConflictProblem> enteredInError, Save<TRecord> save, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
        where TRecord : class, IPatientRecord<TState>
        where TState : class
    {
        var (record, refusal) = await FindChangeableAsync<TRecord, TState>(db, id, resource, http.Request, ifMatchRequired: false, enteredInError, cancellationToken);
        if (record is null)
        {
            return Refused<TState>(refusal!);
        }

        var reason = request.Reason.Trim();
        record.EnterInError(reason, clock.GetUtcNow());
        db.AuditAs(record, RecordHistory.EnteredInError);
        db.AuditReason(reason);
        await save(record, RecordHistory.EnteredInError, reason, cancellationToken);

        http.SetETag(record);
        return TypedResults.Ok(record.State(record.Version));
    }

    /// <summary>A refusal of <see cref="FindChangeableAsync{TRecord, TState}"/> as the typed result it is.</summary>
    public static Results<Ok<TState>, NotFoundProblem, ConflictProblem, PreconditionProblem> Refused<TState>(ApiProblem refusal) => refusal switch
    {
        NotFoundProblem notFound => notFound,
        PreconditionProblem precondition => precondition,
        _ => (ConflictProblem)refusal,
    };

    /// <summary>The same, for a change that may also answer 400.</summary>
    public static Results<Ok<TState>, ValidationProblem, NotFoundProblem, ConflictProblem, PreconditionProblem> RefusedChange<TState>(ApiProblem refusal) => refusal switch
    {
        NotFoundProblem notFound => notFound,
        PreconditionProblem precondition => precondition,
        _ => (ConflictProblem)refusal,
    };
}
