using HealthCore.Platform.Database;
using HealthCore.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Notifications;

internal sealed class NotificationsDb(DbContextOptions<NotificationsDb> options, ICurrentTenant currentTenant)
    : ModuleDbContext(options, currentTenant)
{
    public const string SchemaName = "notifications";

    public override string Schema => SchemaName;

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<NotificationTemplate> Templates => Set<NotificationTemplate>();

    protected override void ConfigureModule(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Notification>(notification =>
        {
            notification.ToTable("notifications");
            notification.HasKey(n => n.Id);
            notification.Property(n => n.Channel).HasConversion<string>().HasMaxLength(20);
            notification.Property(n => n.RecipientKind).HasConversion<string>().HasMaxLength(20);
            notification.Property(n => n.RecipientAddress).HasMaxLength(Notification.MaxAddressLength);
            notification.Property(n => n.TemplateKey).HasMaxLength(NotificationTemplate.MaxKeyLength);
            notification.Property(n => n.DedupKey).HasMaxLength(Notification.MaxDedupKeyLength);
            notification.Property(n => n.Subject).HasMaxLength(Notification.MaxSubjectLength);
            notification.Property(n => n.Body).HasMaxLength(Notification.MaxBodyLength);
            notification.Property(n => n.Status).HasConversion<string>().HasMaxLength(20);
            notification.Property(n => n.LastError).HasMaxLength(Notification.MaxErrorLength);

            // "Never twice": a dedup key names one notification per tenant (NULLs, i.e. no key, never collide).
            notification.HasIndex(n => new { n.TenantId, n.DedupKey }).IsUnique();
            notification.HasIndex(n => new { n.TenantId, n.RecipientAddress });
            notification.HasIndex(n => new { n.Status, n.NextAttemptAt });
        });

        modelBuilder.Entity<NotificationTemplate>(template =>
        {
            template.ToTable("notification_templates");
            template.HasKey(t => t.Id);
            template.Property(t => t.Key).HasMaxLength(NotificationTemplate.MaxKeyLength);
            template.Property(t => t.Description).HasMaxLength(NotificationTemplate.MaxDescriptionLength);
            template.Property(t => t.EmailSubject).HasMaxLength(NotificationTemplate.MaxSubjectLength);
            template.Property(t => t.EmailBody).HasMaxLength(NotificationTemplate.MaxBodyLength);
            template.Property(t => t.SmsBody).HasMaxLength(NotificationTemplate.MaxBodyLength);
            template.Property(t => t.PushSubject).HasMaxLength(NotificationTemplate.MaxSubjectLength);
            template.Property(t => t.PushBody).HasMaxLength(NotificationTemplate.MaxBodyLength);
            template.Property(t => t.InAppSubject).HasMaxLength(NotificationTemplate.MaxSubjectLength);
            template.Property(t => t.InAppBody).HasMaxLength(NotificationTemplate.MaxBodyLength);
            template.HasIndex(t => new { t.TenantId, t.Key }).IsUnique();
        });
    }
}
