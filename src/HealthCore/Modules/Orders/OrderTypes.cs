using System.ComponentModel.DataAnnotations;

namespace HealthCore.Modules.Orders;

/// <summary>FHIR ServiceRequest.category, the kinds of service this model orders.</summary>
internal enum OrderCategory
{
    Laboratory,
    Imaging,
    Referral,
    Procedure,
}

/// <summary>FHIR ServiceRequest.priority (request-priority): routine, urgent, asap, stat.</summary>
internal enum OrderPriority
{
    Routine,
    Urgent,
    Asap,
    Stat,
}

/// <summary>
/// FHIR ServiceRequest.status (request-status) with in-progress added from Task.status, because the requisition is
/// tracked to its end here: draft → active (placed) → inProgress → completed; onHold while suspended; revoked when
/// cancelled; enteredInError when it should never have existed.
/// </summary>
internal enum OrderStatus
{
    Draft,
    Active,
    OnHold,
    InProgress,
    Completed,
    Revoked,
    EnteredInError,
}

/// <summary>The status of one item of a requisition (one test, exam or service); on hold is the order's, not an item's.</summary>
internal enum OrderItemStatus
{
    Draft,
    Active,
    InProgress,
    Completed,
    Revoked,
    EnteredInError,
}

/// <summary>How the receiving side answered a referral.</summary>
internal enum ReferralDecision
{
    Accepted,
    Declined,
}

/// <summary>FHIR Coding: a code of a code system (LOINC for tests, SNOMED CT for specialties), with its display text.</summary>
internal sealed record OrderCoding(
    [Required, StringLength(200, MinimumLength = 1)] string System,
    [Required, StringLength(OrderItem.CodeLength, MinimumLength = 1)] string Code,
    [StringLength(500)] string? Display);

/// <summary>FHIR ServiceRequest.reasonCode and reasonReference as text: why it is ordered, as the clinician put it, and its codes.</summary>
internal sealed record OrderReason(
    [Required, StringLength(1000, MinimumLength = 1)] string Text,
    [MaxLength(10)] IReadOnlyList<OrderCoding>? Codes);
