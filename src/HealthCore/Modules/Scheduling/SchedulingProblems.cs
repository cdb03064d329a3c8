using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using HealthCore.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthCore.Modules.Scheduling;

internal static class SchedulingProblems
{
    /// <summary>409 for an action the appointment's current status does not allow, naming that status.</summary>
    public static ConflictProblem IllegalTransition(Appointment appointment, AppointmentAction action)
    {
        var current = QueryEnum.Name(appointment.Status);
        var allowed = AppointmentTransitions.Of(action).From.Select(QueryEnum.Name).ToArray();
        return new ConflictProblem(
            $"The appointment is {current}.",
            $"{Verb(action)} is possible only when the appointment is {string.Join(" or ", allowed)}; it is {current}.",
            new Dictionary<string, object?> { ["currentStatus"] = current, ["allowedFrom"] = allowed });
    }

    public static ConflictProblem ChangedConcurrently(string resource) =>
        new($"The {resource} was changed at the same time.", $"Another request changed the {resource} first; read it again and retry.");

    /// <summary>A query-string enum by its JSON name (any case); numbers and unknown names are a 400 naming the parameter.</summary>
    public static bool TryParse<TEnum>(string text, string field, out TEnum value, [NotNullWhen(false)] out ValidationProblem? problem)
        where TEnum : struct, Enum
    {
        problem = QueryEnum.TryParse(text, out value) ? null : QueryEnum.Unknown<TEnum>(field);
        return problem is null;
    }

    public static string JsonName(string memberName) => JsonNamingPolicy.CamelCase.ConvertName(memberName);

    private static string Verb(AppointmentAction action) => action switch
    {
        AppointmentAction.Confirm => "Confirming",
        AppointmentAction.CheckIn => "Checking in",
        AppointmentAction.Start => "Starting",
        AppointmentAction.Complete => "Completing",
        AppointmentAction.Cancel => "Cancelling",
        AppointmentAction.NoShow => "Recording a no-show",
        AppointmentAction.Reschedule => "Rescheduling",
        AppointmentAction.Remind => "Sending a reminder",
        AppointmentAction.AcceptOffer => "Accepting the offer",
        AppointmentAction.DeclineOffer => "Declining the offer",
        _ => "Expiring the offer",
    };
}
