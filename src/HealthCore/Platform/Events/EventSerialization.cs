using System.Text.Json;
using System.Text.Json.Serialization;

namespace HealthCore.Platform.Events;

internal static class EventSerialization
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}

internal static class EventTypeName
{
    public static string Of(Type eventType) => eventType.FullName ?? eventType.Name;
}
