using HealthCore.Modules.Identity.Contracts;
using HealthCore.Modules.Laboratory.Contracts;
using HealthCore.Modules.Laboratory.Demo;
using HealthCore.Modules.Orders.Contracts;
using HealthCore.Platform.Auditing;
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
        services.AddScoped<LabTestCatalog>();
        services.AddScoped<ILabTestCatalog>(provider => provider.GetRequiredService<LabTestCatalog>());
        services.AddScoped<LabRequestIntake>();
        services.AddScoped<LabNotifier>();
        services.AddScoped<AccessionNumbers>();
        services.AddScoped<LabResultReader>();
        services.AddIntegrationEventHandler<OrderPlaced, LabRequestsFromOrders>();
        services.AddIntegrationEventHandler<OrderCancelled, LabRequestsFromOrders>();
        services.AddDemoSeeder<LaboratoryDemoSeeder>(DemoSeederOrder.Staff + 50);
        services.AddDemoSeeder<LabResultsDemoSeeder>(DemoSeederOrder.Activity + 70);

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

        var requests = api.MapGroup("/lab/orders").WithTags("Laboratory");
        requests.MapGet("/", ListLabRequests.Handle)
            .WithName("listLabRequests")
            .WithSummary("The laboratory worklist")
            .WithDescription("Laboratory requests (placed laboratory orders) of the facilities you may see, stat first, then asap, urgent and routine, oldest order first within a priority, paged with a cursor. `status` is the stage of a request's least advanced open item: awaitingCollection, awaitingReceipt, inAnalysis, awaitingVerification, reported or cancelled; default every open stage (not reported or cancelled). Filters: priority, patientId, facilityId. Items carry `recollectionNeeded` when their specimen was rejected; specimens are left out (see getLabRequest). Each listed patient's record counts as read: the read is audited.")
            .RequirePermission(Permissions.LabResultsRead);
        requests.MapGet("/{orderId:guid}", GetLabRequest.Handle)
            .WithName("getLabRequest")
            .WithSummary("Get the laboratory request of an order")
            .WithDescription("The request with its items (status, analytes, stage times, turnaround target), every specimen collected for it (rejected ones included) and `recollectionNeeded`. 404 for an order that is not a placed laboratory order you may see. The read of the patient's record is audited.")
            .RequirePermission(Permissions.LabResultsRead);
        requests.MapPost("/{orderId:guid}/specimens", CollectSpecimen.Handle)
            .WithName("collectSpecimen")
            .WithSummary("Record a specimen collection")
            .WithDescription("Collects one specimen for `itemIds` (default: every item awaiting collection) and gives it the next accession number of the collection day (`L` + yyMMdd in the tenant's time zone + `-` + sequence, e.g. L261204-00017; letters, digits and '-' for Code 128 barcodes). Type and container default to the catalogue's for the items (422 naming `type` or `container` when the items need different ones). `collectedAt` defaults to now; in the future or before the order was placed is a 422 naming it. Items not awaiting collection, or a cancelled order, answer 409. The items become collected and the order's items in progress (LabWorkStarted). Accepts Idempotency-Key.")
            .WithRequestExample("""{"collectedAt":"2026-12-04T08:15:00Z","site":"Left antecubital vein","note":"Tourniquet under one minute"}""")
            .RequirePermission(Permissions.LabSpecimensWrite);

        var specimens = api.MapGroup("/lab/specimens").WithTags("Laboratory");
        specimens.MapGet("/", GetSpecimen.ByAccession)
            .WithName("findSpecimenByAccession")
            .WithSummary("Find a specimen by its accession number")
            .WithDescription("The barcode scan: the specimen whose accession number is `accession` (required; case ignored), or 404. The read of the patient's record is audited.")
            .RequirePermission(Permissions.LabResultsRead);
        specimens.MapGet("/{id:guid}", GetSpecimen.Handle)
            .WithName("getSpecimen")
            .WithSummary("Get a specimen")
            .WithDescription("The specimen with its accession number, items, collection, receipt or rejection. The ETag is for receive and reject. The read of the patient's record is audited.")
            .RequirePermission(Permissions.LabResultsRead);
        specimens.MapPost("/{id:guid}/receive", ReceiveSpecimen.Handle)
            .WithName("receiveSpecimen")
            .WithSummary("Receive a specimen in the laboratory")
            .WithDescription("collected → received, with the time (default now; not in the future or before the collection: 422) and the condition on receipt (free text, e.g. \"slightly lipaemic\"); its items are ready for analysis. Any other status answers 409 with currentStatus. Honours If-Match when sent.")
            .RequirePermission(Permissions.LabSpecimensWrite);
        specimens.MapPost("/{id:guid}/reject", RejectSpecimen.Handle)
            .WithName("rejectSpecimen")
            .WithSummary("Reject a specimen for recollection")
            .WithDescription("collected or received → rejected, with the reason (haemolysed, clotted, insufficient, mislabelled, contaminated, other) and a note, while no result of its items was entered (else 409). Its items go back to awaiting collection with `recollectionNeeded`, and the ordering practitioner (else the encounter department's clinicians) is notified (template lab.specimen.rejected). Honours If-Match when sent.")
            .RequirePermission(Permissions.LabSpecimensWrite);
        MapResults(api);
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

    private static void MapResults(RouteGroupBuilder api)
    {
        const string Shape = "A FHIR DiagnosticReport (`id` the report's across versions, the order item's id; `versionId` this version's) with one Observation per analyte: value, unit, interpretation (normal, low, high, criticalLow, criticalHigh; null without a range), the reference range applied at collection, flags (critical, delta) and note.";
        var orders = api.MapGroup("/lab/orders").WithTags("Laboratory");
        orders.MapPost("/{orderId:guid}/results", EnterLabResults.Handle)
            .WithName("enterLabResults")
            .WithSummary("Enter an item's results")
            .WithDescription($"Preliminary results of one received item (409 naming its status otherwise; a cancelled item 409): each code one of the item's analytes, its value of the catalogue's kind (valueQuantity in the test's unit, valueCode among its answers, valueText or valueRatio), else 422 naming results[i] and the rule. Quantities are interpreted against the range that applied to the patient when the specimen was collected, and delta-checked against the patient's previous released result. 201 with the new report; posting again before verification replaces the values (200). With the tenant's labAutoVerification on, a report of only normal results without delta flags or comments is released at once (autoVerified). {Shape} Accepts Idempotency-Key.")
            .WithRequestExample("""{"itemId":"0195a0b2-0000-7000-8000-000000000031","results":[{"code":"2823-3","valueQuantity":{"value":4.2,"unit":"mmol/L"}},{"code":"2951-2","valueQuantity":{"value":139,"unit":"mmol/L"},"comment":"Slightly lipaemic"}]}""")
            .RequirePermission(Permissions.LabResultsWrite);

        var reports = api.MapGroup("/lab/reports").WithTags("Laboratory");
        reports.MapGet("/", ListLabReports.Handle)
            .WithName("listLabReports")
            .WithSummary("List laboratory reports")
            .WithDescription($"Current versions, newest first, paged with a cursor, by patientId, orderId and status (preliminary, final, corrected). Each listed patient's record counts as read: the read is audited. {Shape}")
            .RequirePermission(Permissions.LabResultsRead);
        reports.MapGet("/{id:guid}", GetLabReport.Handle)
            .WithName("getLabReport")
            .WithSummary("Get a laboratory report")
            .WithDescription($"The current version, or `version` n for an earlier one (a corrected report links its previousVersions), with its ETag for If-Match on verify and correct. The read is audited. {Shape}")
            .RequirePermission(Permissions.LabResultsRead).AuditRead(nameof(LabReport));
        reports.MapGet("/{id:guid}/versions", ListLabReportVersions.Handle)
            .WithName("listLabReportVersions")
            .WithSummary("List a report's versions")
            .WithDescription("Every version of the report, newest first, each as it was released. The read is audited.")
            .RequirePermission(Permissions.LabResultsRead).AuditRead(nameof(LabReport));
        reports.MapPost("/{id:guid}/verify", VerifyLabReport.Handle)
            .WithName("verifyLabReport")
            .WithSummary("Verify a preliminary report")
            .WithDescription("preliminary → final (409 naming currentStatus otherwise), by a user other than the one who entered or last changed the values (403, rule four-eyes-verification). The item is final and LabResultsReleased is published. Honours If-Match (the report's ETag) when sent: 412 when the values were re-entered since. Accepts Idempotency-Key.")
            .RequirePermission(Permissions.LabResultsVerify);
        reports.MapPost("/{id:guid}/correct", CorrectLabReport.Handle)
            .WithName("correctLabReport")
            .WithSummary("Correct a released report")
            .WithDescription($"A final or corrected current report (else 409) gets a new version with status corrected, the given results re-interpreted, and the `reason` (required); the released version stays readable with `?version=`. LabResultsReleased is published with status corrected and the new version, and the ordering team is told ({CorrectLabReport.Template}). Honours If-Match when sent. Accepts Idempotency-Key.")
            .WithRequestExample("""{"reason":"Haemolysed specimen: potassium re-run on a fresh sample","results":[{"code":"2823-3","valueQuantity":{"value":4.4,"unit":"mmol/L"}}]}""")
            .RequirePermission(Permissions.LabResultsVerify);
    }
}
