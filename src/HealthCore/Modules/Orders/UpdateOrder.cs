using System.Text.Json;
using HealthCore.Platform.Http;
using HealthCore.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Orders;

internal static class UpdateOrder
{
    public static async Task<Results<Ok<OrderResponse>, ValidationProblem, NotFoundProblem, ConflictProblem, PreconditionProblem, ForbiddenProblem>> Handle(
        Guid id, [FromBody] JsonElement patch, OrdersDb db, OrderChecks checks, MergePatch mergePatch, ICurrentTenant tenant, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        var order = await db.Orders.Include(o => o.Items).SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (order is null)
        {
            return NotFoundProblem.For("Order", id);
        }

        if (db.CheckIfMatch(http.Request, order) is { } precondition)
        {
            return precondition;
        }

        if (!await checks.IsRequesterSideAsync(order, tenant.UserId, cancellationToken))
        {
            return OrderProblems.NotRequesterSide();
        }

        if (order.Status != OrderStatus.Draft)
        {
            return OrderProblems.NotADraft(order);
        }

        var (details, problem) = mergePatch.Apply(OrderDetails.Of(order), patch);
        if (problem is not null)
        {
            return problem;
        }

        var (tests, invalid) = await checks.DetailsAsync(order.Category, order.PatientId, details!, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        db.OrderItems.RemoveRange(order.Items);
        details!.ApplyTo(order, clock.GetUtcNow(), OrderChecks.Panels(tests));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return OrderProblems.ChangedConcurrently();
        }

        http.SetETag(order);
        return TypedResults.Ok(OrderResponse.From(order));
    }
}
