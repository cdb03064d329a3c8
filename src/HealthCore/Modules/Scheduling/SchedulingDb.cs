using HealthCore.Platform.Database;
using HealthCore.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Scheduling;

internal sealed class SchedulingDb(DbContextOptions<SchedulingDb> options, ICurrentTenant currentTenant) : ModuleDbContext(options, currentTenant)
{
    public const string SchemaName = "scheduling";
    public const int ResourceKeyLength = 100;
    public const int ModalityLength = 50;
    public const int TextLength = 500;
    public const int NotesLength = 4000;

    public override string Schema => SchemaName;

    /// <summary>
    /// The departments of the facilities the caller is assigned to (see <see cref="SchedulingFacilityScope"/>), which
    /// schedules, appointments, shifts and department waitlist entries belong to through their department. Until resolved, a caller who is not
    /// tenant-wide sees none.
    /// </summary>
    internal Guid[] VisibleDepartmentIds { get; set; } = [];

    /// <summary>The caller may see and act in the department's facility.</summary>
    internal bool MayActIn(Guid departmentId) => AllFacilities || VisibleDepartmentIds.Contains(departmentId);

    public DbSet<Schedule> Schedules => Set<Schedule>();

    public DbSet<ScheduleBlock> ScheduleBlocks => Set<ScheduleBlock>();

    public DbSet<Appointment> Appointments => Set<Appointment>();

    public DbSet<AppointmentReschedule> Reschedules => Set<AppointmentReschedule>();

    public DbSet<SlotUsage> SlotUsage => Set<SlotUsage>();

    public DbSet<AppointmentReminder> Reminders => Set<AppointmentReminder>();

    public DbSet<WaitlistEntry> Waitlist => Set<WaitlistEntry>();

    public DbSet<Shift> Shifts => Set<Shift>();

    public DbSet<ShiftAssignment> ShiftAssignments => Set<ShiftAssignment>();

    protected override void ConfigureModule(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Schedule>(schedule =>
        {
            schedule.ToTable("schedules");
            schedule.HasKey(s => s.Id);
            schedule.Property(s => s.Modality).HasMaxLength(ModalityLength);
            schedule.Property(s => s.ResourceKey).HasMaxLength(ResourceKeyLength);
            schedule.Property(s => s.Location).HasMaxLength(200);
            schedule.Property(s => s.TimeZone).HasMaxLength(64);
            schedule.Ignore(s => s.Days);
            schedule.Ignore(s => s.Zone);
            schedule.HasIndex(s => s.ResourceKey);
            schedule.HasIndex(s => s.DepartmentId);
            schedule.HasQueryFilter(FacilityFilterName, s => AllFacilities || VisibleDepartmentIds.Contains(s.DepartmentId));
        });

        modelBuilder.Entity<ScheduleBlock>(block =>
        {
            block.ToTable("schedule_blocks");
            block.HasKey(b => b.Id);
            block.Property(b => b.Reason).HasMaxLength(TextLength);
            block.HasIndex(b => b.ScheduleId);
        });

        modelBuilder.Entity<Appointment>(appointment =>
        {
            appointment.ToTable("appointments");
            appointment.HasKey(a => a.Id);
            appointment.Property(a => a.Modality).HasMaxLength(ModalityLength);
            appointment.Property(a => a.ResourceKey).HasMaxLength(ResourceKeyLength);
            appointment.Property(a => a.Type).HasConversion<string>().HasMaxLength(30);
            appointment.Property(a => a.Status).HasConversion<string>().HasMaxLength(30);
            appointment.Property(a => a.Reason).HasMaxLength(TextLength);
            appointment.Property(a => a.Notes).HasMaxLength(NotesLength);
            appointment.Property(a => a.ExamType).HasMaxLength(ModalityLength);
            appointment.Property(a => a.PreparationInstructions).HasMaxLength(NotesLength);
            appointment.Property(a => a.CancellationReason).HasMaxLength(TextLength);
            appointment.Ignore(a => a.IsActive);
            appointment.HasIndex(a => new { a.ResourceKey, a.StartsAt });
            appointment.HasIndex(a => new { a.PatientId, a.StartsAt });
            appointment.HasIndex(a => new { a.DepartmentId, a.StartsAt });
            appointment.HasIndex(a => new { a.Status, a.StartsAt });
            appointment.HasQueryFilter(FacilityFilterName, a => AllFacilities || VisibleDepartmentIds.Contains(a.DepartmentId));
        });

        modelBuilder.Entity<AppointmentReschedule>(reschedule =>
        {
            reschedule.ToTable("appointment_reschedules");
            reschedule.HasKey(r => r.Id);
            reschedule.Property(r => r.Reason).HasMaxLength(TextLength);
            reschedule.HasIndex(r => r.AppointmentId);
        });

        modelBuilder.Entity<SlotUsage>(usage =>
        {
            usage.ToTable("slot_usage");
            usage.HasKey(u => new { u.TenantId, u.ResourceKey, u.StartsAt });
            usage.Property(u => u.ResourceKey).HasMaxLength(ResourceKeyLength);
        });

        modelBuilder.Entity<AppointmentReminder>(reminder =>
        {
            reminder.ToTable("appointment_reminders");
            reminder.HasKey(r => new { r.AppointmentId, r.Kind, r.StartsAt });
            reminder.Property(r => r.Kind).HasMaxLength(30);
        });

        modelBuilder.Entity<WaitlistEntry>(entry =>
        {
            entry.ToTable("waitlist_entries");
            entry.HasKey(e => e.Id);
            entry.Property(e => e.Status).HasConversion<string>().HasMaxLength(30);
            entry.Property(e => e.Type).HasConversion<string>().HasMaxLength(30);
            entry.Property(e => e.Reason).HasMaxLength(TextLength);
            entry.HasIndex(e => new { e.Status, e.CreatedAt });
            entry.HasIndex(e => e.PatientId);
            entry.HasQueryFilter(FacilityFilterName, e => AllFacilities || e.DepartmentId == null || VisibleDepartmentIds.Contains(e.DepartmentId.Value));
        });

        modelBuilder.Entity<Shift>(shift =>
        {
            shift.ToTable("shifts");
            shift.HasKey(s => s.Id);
            shift.Property(s => s.Role).HasMaxLength(ModalityLength);
            shift.HasIndex(s => new { s.DepartmentId, s.StartsAt });
            shift.HasQueryFilter(FacilityFilterName, s => AllFacilities || VisibleDepartmentIds.Contains(s.DepartmentId));
        });

        modelBuilder.Entity<ShiftAssignment>(assignment =>
        {
            assignment.ToTable("shift_assignments");
            assignment.HasKey(a => a.Id);
            assignment.HasIndex(a => new { a.ShiftId, a.PractitionerId }).IsUnique();
            assignment.HasIndex(a => new { a.PractitionerId, a.StartsAt });
        });
    }
}
