using HealthCore.Modules.Identity.Contracts;
using HealthCore.Modules.Laboratory.Contracts;
using HealthCore.Modules.Laboratory.Demo;
using HealthCore.Modules.Orders.Contracts;
using HealthCore.Platform.Database;
using HealthCore.Platform.Events;
using HealthCore.Platform.OpenApi;
using HealthCore.Platform.Seeding;

namespace HealthCore.Modules.Laboratory;

internal static class LaboratoryModule
{
    public static IServiceCollection AddLaboratory(this IServiceCollection services)
    {
        services.AddModuleDb<LaboratoryDb>();
        services.AddSingleton<LoadedTenants>();
        services.AddScoped<StarterCatalogLoader>();
        services.AddScoped<ILabTestCatalog, LabTestCatalog>();
        services.AddScoped<LabRequestIntake>();
        services.AddScoped<LabNotifier>();
        services.AddIntegrationEventHandler<OrderPlaced, LabRequestsFromOrders>();
        services.AddIntegrationEventHandler<OrderCancelled, LabRequestsFromOrders>();
        services.AddDemoSeeder<LaboratoryDemoSeeder>(DemoSeederOrder.Staff + 50);

        // Critical values and turnaround.
        services.AddOptions<LaboratoryOptions>().BindConfiguration(LaboratoryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<CriticalEscalationChain>();
        services.AddIntegrationEventHandler<LabResultsReleased, OpenCriticalAlerts>();
        services.AddSingleton<CriticalEscalation>();
        services.AddHostedService<CriticalEscalationService>();
        return services;
    }

    public static RouteGroupBuilder MapLaboratory(this RouteGroupBuilder api)
    {
        var tests = api.MapGroup("/lab/tests").WithTags("Laboratory").AddEndpointFilter<StarterCatalogFilter>();
        tests.MapGet("/", SearchLabTests.Handle)
            .WithName("listLabTests")
            .WithSummary("List and search the test catalogue")
            .WithDescription("The tenant's tests and panels in code order, paged with a cursor. `q` matches any part of the code, name or a synonym (case and accents ignored); `kind` is test or panel; deactivated entries only with includeInactive=true. A tenant's catalogue starts as the shipped starter catalogue.")
            .RequirePermission(Permissions.OrdersRead);
        tests.MapGet("/{code}", GetLabTest.Handle)
            .WithName("getLabTest")
            .WithSummary("Get a test or panel")
            .WithDescription("The definition with its reference ranges, a panel's members (with their names) and `expandedTests`, the tests a panel stands for with nested panels expanded. The ETag is for PUT and deactivate.")
            .RequirePermission(Permissions.OrdersRead);
        tests.MapGet("/{code}/reference-range", GetReferenceRange.Handle)
            .WithName("getLabTestReferenceRange")
            .WithSummary("Find the reference range that applies to a patient")
            .WithDescription("The one range of the test for a patient of `sex` (female, male, other, unknown) born on `birthDate`, for a specimen collected at `at` (default now; the age is counted on its UTC date) and `pregnant` (default false). The most specific range wins: pregnancy-specific over sex-specific over general. `range` is null when none applies. Reference limits are inclusive, critical limits exclusive.")
            .RequirePermission(Permissions.OrdersRead);
        tests.MapPut("/{code}", PutLabTest.Handle)
            .WithName("putLabTest")
            .WithSummary("Create or replace a test or panel")
            .WithDescription("Defines the test under the code (a LOINC code with its check digit, or a local code) for this tenant: 201 when new, 200 when replacing (If-Match with the current ETag required; If-Match for a code the tenant does not have is 404). Rules: UCUM units, low ≤ high and critical limits outside them, age bands (ISO 8601 durations, from inclusive, to exclusive) of one sex and pregnancy flag not overlapping, panel members defined and never leading back to the panel. Replacing a deactivated test activates it.")
            .WithRequestExample("""{"display":"Potassium [Moles/volume] in Serum or Plasma","kind":"test","synonyms":["K"],"specimen":{"type":"Serum or plasma","container":"Lithium heparin tube","volumeMl":0.5},"method":"Ion-selective electrode","valueType":"quantity","unit":"mmol/L","turnaround":{"routine":240,"urgent":120,"stat":60},"priceCode":"LAB-K","deltaCheck":{"kind":"absolute","limit":1.0},"ranges":[{"sex":"any","ageFrom":"P18Y","low":3.5,"high":5.1,"criticalLow":2.8,"criticalHigh":6.2}]}""")
            .RequirePermission(Permissions.LabCatalogWrite);
        tests.MapPost("/import", ImportLabCatalog.Handle)
            .WithName("importLabCatalog")
            .WithSummary("Import a catalogue file")
            .WithDescription($"A whole catalogue in the format of the shipped starter catalogue (`format` \"{LabCatalogFile.CurrentFormat}\", see docs/laboratory.md): new codes are added, existing ones replaced and activated. All or nothing: one invalid definition rejects the file, and the 400 lists every error keyed by its place (tests[3].ranges[0].low). At most {ImportLabCatalog.MaxTests} tests. Accepts Idempotency-Key.")
            .RequirePermission(Permissions.LabCatalogWrite);
        tests.MapPost("/{code}/deactivate", DeactivateLabTest.Handle)
            .WithName("deactivateLabTest")
            .WithSummary("Deactivate a test or panel")
            .WithDescription("Takes the entry off the orderable catalogue (it stays readable, and a PUT activates it again). 409 naming the active panels that contain it. Honours If-Match when sent.")
            .RequirePermission(Permissions.LabCatalogWrite);

        var results = api.MapGroup("/lab/results").WithTags("Laboratory");
        results.MapPost("/{id:guid}/acknowledge", AcknowledgeCriticalResult.Handle)
            .WithName("acknowledgeCriticalResult")
            .WithSummary("Acknowledge a critical result")
            .WithDescription("Records that the critical (panic) value of result `id` reached someone responsible for the patient: `readBack` (the value as they read it back), `method` (phone, inPerson, electronic, pager, video) and optionally `communicatedTo` (whom it was given to, when not you); who (your user and its practitioner) and when are taken from the request. The alert stops escalating. 404 for a result with no critical alert here, 409 when already acknowledged. Audited. Honours If-Match when sent; accepts Idempotency-Key.")
            .WithRequestExample("""{"readBack":"Potassium 6.8 mmol/L","method":"phone","communicatedTo":"Dr Rae (covering registrar)"}""")
            .RequirePermission(Permissions.LabCriticalAcknowledge);

        var critical = api.MapGroup("/lab/critical").WithTags("Laboratory");
        critical.MapGet("/", ListCriticalAlerts.Handle)
            .WithName("listCriticalAlerts")
            .WithSummary("List critical-value alerts")
            .WithDescription("Critical results of the facilities you may see, oldest first, paged with a cursor, filtered by `status` (open, acknowledged) and `patientId`: each with its escalation `level` (0 the ordering team, 1 the encounter's department, 2 the laboratory's on-call Pathologists, else Admins), `dueAt` (the next escalation; null at the last level and once acknowledged), `minutesOpen`, the levels reached and the acknowledgement. Each level has Laboratory:CriticalEscalationMinutes (default 30) before the next is told. Each listed patient's record counts as read: the read is audited.")
            .RequirePermission(Permissions.LabResultsRead);

        var turnaround = api.MapGroup("/lab/turnaround").WithTags("Laboratory");
        turnaround.MapGet("/", GetTurnaround.Handle)
            .WithName("getLabTurnaround")
            .WithSummary("Report turnaround times")
            .WithDescription($"Over the request items of the facilities you may see verified in [`from`, `to`) (at most {GetTurnaround.MaxDays} days), optionally of one `testCode` (the ordered test or panel) and `priority` (routine, urgent, asap, stat): per stage (orderedToCollected, collectedToReceived, receivedToResulted, resultedToVerified, orderedToVerified) the count of items with both times, the median and the 90th percentile in minutes, and the share of items with a catalogue target verified within it. Percentiles by nearest rank: the p-th percentile of n sorted values is the one at rank ceil(p/100 × n), so the median of an even count is the lower middle value.")
            .RequirePermission(Permissions.LabResultsRead);
        return api;
    }
}
