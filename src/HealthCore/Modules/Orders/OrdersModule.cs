using HealthCore.Modules.Clinical.Contracts;
using HealthCore.Modules.Identity.Contracts;
using HealthCore.Modules.Laboratory.Contracts;
using HealthCore.Modules.Orders.Demo;
using HealthCore.Modules.Orders.Contracts;
using HealthCore.Platform.Auditing;
using HealthCore.Platform.Database;
using HealthCore.Platform.Events;
using HealthCore.Platform.Http;
using HealthCore.Platform.OpenApi;
using HealthCore.Platform.Seeding;

namespace HealthCore.Modules.Orders;

internal static class OrdersModule
{
    private const string Honours = "Honours If-Match when sent; any other status answers 409 with currentStatus.";

    public static IServiceCollection AddOrders(this IServiceCollection services)
    {
        services.AddModuleDb<OrdersDb>();
        services.AddScoped<OrderChecks>();
        services.AddScoped<IPlacedOrders, PlacedOrders>();
        services.AddScoped<IPatientTimelineSource, OrderTimelineSource>();
        services.AddDemoSeeder<OrdersDemoSeeder>(DemoSeederOrder.Activity + 60);
        services.AddIntegrationEventHandler<LabWorkStarted, OrderProgressFromLab>();
        services.AddIntegrationEventHandler<LabResultsReleased, OrderProgressFromLab>();
        return services;
    }

    public static RouteGroupBuilder MapOrders(this RouteGroupBuilder api)
    {
        var orders = api.MapGroup("/orders").WithTags("Orders");
        orders.MapPost("/", CreateOrder.Handle)
            .WithName("createOrder")
            .WithSummary("Write an order")
            .WithDescription("A FHIR ServiceRequest (intent order) for an encounter that is not cancelled or entered in error (else 409): a laboratory, imaging or procedure requisition of one or more items to a performing department, or a referral (exactly one item, the specialty) to a department or practitioner with its referral letter (a note of type referralLetter). Written as a draft unless `status` is active, which places it at once. `requesterId` defaults to the practitioner linked to your user account. An encounter that is completed still takes orders (follow-up tests, a referral after the visit). Accepts Idempotency-Key.")
            .WithRequestExample("""{"encounterId":"0195a0b2-0000-7000-8000-000000000020","category":"laboratory","priority":"urgent","items":[{"system":"http://loinc.org","code":"2823-3","display":"Potassium [Moles/volume] in Serum or Plasma"}],"reason":{"text":"On furosemide, weak"},"performerDepartmentId":"0195a0b2-0000-7000-8000-000000000001","specimenRequirements":"Serum, no haemolysis"}""")
            .RequirePermission(Permissions.OrdersWrite);
        orders.MapGet("/", ListOrders.Handle)
            .WithName("listOrders")
            .WithSummary("List orders")
            .WithDescription("Orders of the facilities you may see with their items, oldest first, paged with a cursor, filtered by patient, encounter, status, category, priority and performing department. Each listed patient's record counts as read: the read is audited.")
            .RequirePermission(Permissions.OrdersRead);
        orders.MapGet("/{id:guid}", GetOrder.Handle)
            .WithName("getOrder")
            .WithSummary("Get an order")
            .WithDescription("One order with its items and their statuses. The read is audited.")
            .RequirePermission(Permissions.OrdersRead).AuditRead(nameof(Order));
        orders.MapPatch("/{id:guid}", UpdateOrder.Handle)
            .WithName("updateOrder")
            .WithSummary("Edit a draft order")
            .WithDescription("Changes a draft's items, priority, reason, notes, specimen requirements, time, performer, appointment or referral letter (If-Match required), by the user who wrote it or the requesting practitioner (else 403). A placed order is never edited (409 with currentStatus): cancel it and order again.")
            .RequirePermission(Permissions.OrdersWrite).AcceptsMergePatch<OrderDetails>();
        orders.MapPost("/{id:guid}/place", ChangeOrderStatus.Place)
            .WithName("placeOrder")
            .WithSummary("Sign and place an order")
            .WithDescription($"draft → active; its items become active and OrderPlaced is published. The encounter must not be cancelled or entered in error (409); a referral needs its referral letter attached and signed (422). {Honours}")
            .RequirePermission(Permissions.OrdersWrite);
        orders.MapPost("/{id:guid}/hold", ChangeOrderStatus.Hold)
            .WithName("holdOrder")
            .WithSummary("Put an order on hold")
            .WithDescription($"active → onHold: no item may start until it is resumed. An order whose work has begun is not held. {Honours}")
            .RequirePermission(Permissions.OrdersWrite);
        orders.MapPost("/{id:guid}/resume", ChangeOrderStatus.Resume)
            .WithName("resumeOrder")
            .WithSummary("Resume an order on hold")
            .WithDescription($"onHold → active. {Honours}")
            .RequirePermission(Permissions.OrdersWrite);
        orders.MapPost("/{id:guid}/cancel", ChangeOrderStatus.Cancel)
            .WithName("cancelOrder")
            .WithSummary("Cancel an order")
            .WithDescription($"draft, active or onHold → revoked, with a reason; its items are revoked and, for a placed order, OrderCancelled is published. An order in progress is ended item by item. {Honours}")
            .RequirePermission(Permissions.OrdersWrite);
        orders.MapPost("/{id:guid}/entered-in-error", ChangeOrderStatus.MarkEnteredInError)
            .WithName("markOrderEnteredInError")
            .WithSummary("Mark an order entered in error")
            .WithDescription($"Any status but enteredInError → enteredInError, with a reason: the order should never have existed; a placed one publishes OrderCancelled (wasCompleted tells billing to reverse charges). {Honours}")
            .RequirePermission(Permissions.OrdersWrite);
        orders.MapPost("/{id:guid}/accept", AnswerReferral.Accept)
            .WithName("acceptReferral")
            .WithSummary("Accept a referral")
            .WithDescription($"active → inProgress for a referral (else 409), by the practitioner it is addressed to or a member of its department (else 403), optionally into the appointment booked for it (`appointmentId`, recorded as the order's linked appointment). {Honours}")
            .RequirePermission(Permissions.OrdersWrite);
        orders.MapPost("/{id:guid}/decline", AnswerReferral.Decline)
            .WithName("declineReferral")
            .WithSummary("Decline a referral")
            .WithDescription($"active → revoked for a referral, with the reason, by its receiving side (else 403); OrderCancelled is published. {Honours}")
            .RequirePermission(Permissions.OrdersWrite);
        orders.MapPost("/{id:guid}/items/{itemId:guid}/start", ChangeOrderItemStatus.Start)
            .WithName("startOrderItem")
            .WithSummary("Start an order item")
            .WithDescription("active → inProgress for one item of an active or in-progress order (409 naming the order's or the item's currentStatus); the order moves to inProgress with its first started item. A referral's item starts by accepting the referral. Honours If-Match when sent.")
            .RequirePermission(Permissions.OrdersPerform);
        orders.MapPost("/{id:guid}/items/{itemId:guid}/complete", ChangeOrderItemStatus.Complete)
            .WithName("completeOrderItem")
            .WithSummary("Complete an order item")
            .WithDescription("inProgress → completed. When no item is left open the order is completed and OrderCompleted is published with every item's final status. Honours If-Match when sent.")
            .RequirePermission(Permissions.OrdersPerform);
        orders.MapPost("/{id:guid}/items/{itemId:guid}/cancel", ChangeOrderItemStatus.Cancel)
            .WithName("cancelOrderItem")
            .WithSummary("Cancel an order item")
            .WithDescription("active or inProgress → revoked, with a reason, for one item of a placed order that has not ended. When no item is left open the order is completed (OrderCompleted) if any item was, else revoked (OrderCancelled). Honours If-Match when sent.")
            .RequirePermission(Permissions.OrdersWrite);
        return api;
    }
}
