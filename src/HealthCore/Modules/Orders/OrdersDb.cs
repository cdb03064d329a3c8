using HealthCore.Platform.Database;
using HealthCore.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Orders;

/// <summary>Orders and their items. Orders belong to their encounter's facility: users assigned to other facilities never see them.</summary>
internal sealed class OrdersDb(DbContextOptions<OrdersDb> options, ICurrentTenant currentTenant) : ModuleDbContext(options, currentTenant)
{
    public const string SchemaName = "orders";

    public override string Schema => SchemaName;

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<OrderItem> OrderItems => Set<OrderItem>();

    protected override void ConfigureModule(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Order>(order =>
        {
            order.ToTable("orders");
            order.HasKey(o => o.Id);
            order.Property(o => o.Category).HasConversion<string>().HasMaxLength(32);
            order.Property(o => o.Priority).HasConversion<string>().HasMaxLength(32);
            order.Property(o => o.Status).HasConversion<string>().HasMaxLength(32);
            order.Property(o => o.ReferralDecision).HasConversion<string>().HasMaxLength(32);
            order.Property(o => o.Reason!).HasJsonConversion().HasMaxLength(Order.TextLength);
            order.Property(o => o.Note).HasMaxLength(Order.TextLength);
            order.Property(o => o.SpecimenRequirements).HasMaxLength(Order.TextLength);
            order.Property(o => o.StatusReason).HasMaxLength(Order.ReasonLength);
            order.Ignore(o => o.WasPlaced);
            order.HasMany(o => o.Items).WithOne().HasForeignKey(i => i.OrderId).OnDelete(DeleteBehavior.Restrict);
            order.HasIndex(o => new { o.PatientId, o.Status });
            order.HasIndex(o => new { o.PatientId, o.PlacedAt });
            order.HasIndex(o => o.EncounterId);
            order.HasIndex(o => o.PerformerDepartmentId);
            order.HasQueryFilter(FacilityFilterName, o => AllFacilities || CurrentFacilityIds.Contains(o.FacilityId));
        });
        modelBuilder.Entity<OrderItem>(item =>
        {
            item.ToTable("order_items");
            item.HasKey(i => i.Id);

            // A draft's new items join the tracked order with their id already set: without this EF would take them for
            // existing rows and UPDATE them instead of inserting.
            item.Property(i => i.Id).ValueGeneratedNever();
            item.Property(i => i.System).HasMaxLength(200);
            item.Property(i => i.Code).HasMaxLength(OrderItem.CodeLength);
            item.Property(i => i.Display).HasMaxLength(500);
            item.Property(i => i.PanelMembers!).HasJsonConversion().HasMaxLength(Order.TextLength);
            item.Property(i => i.Status).HasConversion<string>().HasMaxLength(32);
            item.Property(i => i.StatusReason).HasMaxLength(Order.ReasonLength);
            item.Ignore(i => i.IsOpen);
            item.HasIndex(i => new { i.OrderId, i.Sequence }).IsUnique();
            item.HasIndex(i => i.Code);
        });
    }
}
