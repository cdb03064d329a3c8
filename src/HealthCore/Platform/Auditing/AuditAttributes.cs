namespace HealthCore.Platform.Auditing;

/// <summary>Never written to the audit trail, not even as "changed": secrets, password and token hashes.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class AuditIgnoreAttribute : Attribute;

/// <summary>Recorded as changed, with its before and after values masked (e.g. a national id number).</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class SensitiveAttribute : Attribute;

/// <summary>Platform bookkeeping (outbox, idempotency records, receipts, the audit trail itself): writes are not audited.</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class NotAuditedAttribute : Attribute;
