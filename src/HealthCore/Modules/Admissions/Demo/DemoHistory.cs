using HealthCore.Modules.Patients.Contracts;
using HealthCore.Platform.Security;
using HealthCore.Platform.Seeding;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthCore.Modules.Admissions.Demo;

/// <summary>
/// Five weeks of ward life played through the module's own handlers, in time order, with a clock set to each moment:
/// admissions (some waiting for a bed), step-ups to intensive or coronary care and back, discharges, cleaning after
/// each patient, and maintenance. So the event streams, bed histories and outbox hold just what real requests would
/// have written, and census and bed board agree with them. Wards start about four-fifths full; each ward's
/// arrivals keep it there; what happens after the seeding instant is left out, so some beds are still being cleaned.
/// </summary>
internal sealed class DemoHistory(AdmissionsDb db, IAdmissionDirectory directory, ICurrentTenant tenant, List<DemoHistory.Unit> units, DemoPeople people, DateTimeOffset now)
{
    public static readonly TimeSpan Span = TimeSpan.FromDays(35);

    private static readonly string[] MaintenanceReasons = ["Bed motor fault", "Mattress replacement", "Call bell repair", "Oxygen outlet inspection"];

    private readonly Random random = new(DemoSeedContext.RandomSeed + 300);
    private readonly SimulatedClock clock = new();
    private readonly PriorityQueue<Func<CancellationToken, Task>, (DateTimeOffset At, long Order)> agenda = new();
    private readonly Dictionary<Guid, BedStatus> status = units.SelectMany(u => u.Beds).ToDictionary(b => b.Id, _ => BedStatus.Available);
    private readonly DateTimeOffset end = Minute(now);
    private long order;

    internal sealed record Unit(DemoWard Plan, Ward Ward, List<Bed> Beds);

    /// <summary>A patient's way through the hospital: where they are now and what comes next.</summary>
    private sealed class Journey(Guid admissionId, PatientSummary patient, Unit unit, Guid bedId)
    {
        public Guid AdmissionId { get; } = admissionId;

        public PatientSummary Patient { get; } = patient;

        public Unit Unit { get; set; } = unit;

        public Guid BedId { get; set; } = bedId;
    }

    public static DateTimeOffset Minute(DateTimeOffset instant) =>
        new(instant.UtcTicks - (instant.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);

    public async Task PlayAsync(CancellationToken cancellationToken)
    {
        var start = end - Span;
        foreach (var unit in units)
        {
            for (var i = 0; i < (int)Math.Round(unit.Beds.Count * 0.8); i++)
            {
                At(start - Hours(random.NextDouble() * 24 * 6), token => ArriveAsync(unit, token));
            }

            // Arrivals as a Poisson process that keeps the ward near 80% full (some find it full and go elsewhere);
            // critical care also fills by step-ups.
            var perDay = unit.Beds.Count * (unit.Plan.IsCriticalCare ? 0.45 : 0.92) / unit.Plan.MeanStayDays;
            for (var at = start + Days(Exponential(perDay)); at < end; at += Days(Exponential(perDay)))
            {
                At(at, token => ArriveAsync(unit, token));
            }
        }

        for (var at = start + Days(1); at < end - Days(3); at += Days(3 + random.NextDouble() * 2))
        {
            var unit = units[random.Next(units.Count)];
            At(at, token => MaintenanceAsync(unit, Days(1 + random.NextDouble()), token));
        }

        var general = units.First(u => u.Plan.Type == WardType.General && u.Plan.Policy == GenderPolicy.Mixed);
        At(end - Hours(20), token => MaintenanceAsync(general, null, token));
        At(end - Hours(9), token => MaintenanceAsync(units[^1], null, token));
        At(end - Hours(6), token => BlockAsync(general, token));
        At(end - Hours(3), token => ArriveAsync(general, token, waiting: true));
        At(end - Hours(1), token => ArriveAsync(general, token, waiting: true));

        while (agenda.TryDequeue(out var step, out var when))
        {
            if (when.At > end)
            {
                continue;
            }

            clock.Now = when.At;
            await step(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }

    private async Task ArriveAsync(Unit unit, CancellationToken cancellationToken, bool waiting = false)
    {
        var bed = waiting ? null : FreeBed(unit);
        var patient = waiting || bed is not null ? people.Next(p => Fits(unit.Plan, p), clock.Now) : null;
        if (patient is null)
        {
            return;
        }

        var department = unit.Ward.DepartmentId ?? people.FallbackDepartment;
        var isolation = unit.Plan.Type == WardType.Isolation;
        var airborne = isolation && bed is not null && bed.Features.HasFlag(BedFeatures.NegativePressure);
        var request = new AdmitPatientRequest(
            patient.Id,
            people.PhysicianFor(department, random),
            null,
            department,
            waiting ? "Awaiting a medical bed from the emergency department" : unit.Plan.Reason,
            null,
            unit.Plan.Type == WardType.Maternity || random.NextDouble() < 0.7 ? AdmissionType.Emergency : AdmissionType.Elective,
            unit.Plan.Type switch { WardType.Icu => AcuityLevel.Icu, WardType.Ccu => AcuityLevel.Ccu, _ => AcuityLevel.Standard },
            isolation ? true : null,
            isolation ? (airborne ? IsolationKind.Airborne : IsolationKind.Contact) : null,
            DateOnly.FromDateTime(clock.Now.UtcDateTime).AddDays((int)Math.Ceiling(unit.Plan.MeanStayDays)),
            bed?.Id,
            waiting ? true : null,
            null);
        var result = await AdmitPatient.Handle(request, db, directory, clock, tenant, new DefaultHttpContext(), cancellationToken);
        if (result.Result is not Created<AdmissionResponse> { Value: { } admitted })
        {
            return;
        }

        people.Admitted(patient.Id);
        if (bed is null)
        {
            return;
        }

        status[bed.Id] = BedStatus.Occupied;
        var journey = new Journey(admitted.Id, patient, unit, bed.Id);
        if (unit.Plan.IsCriticalCare)
        {
            At(clock.Now + Days(2 + (random.NextDouble() * 2)), token => StepDownAsync(journey, token));
        }
        else if (unit.Plan is { Type: WardType.General, BedType: BedType.Standard } && random.NextDouble() < 0.12)
        {
            At(clock.Now + Days(0.5 + random.NextDouble()), token => StepUpAsync(journey, token));
        }
        else
        {
            At(DischargeTime(unit.Plan.MeanStayDays), token => DischargeAsync(journey, token));
        }
    }

    /// <summary>A patient who deteriorates goes to the critical care unit of their facility, when it has a bed.</summary>
    private async Task StepUpAsync(Journey journey, CancellationToken cancellationToken)
    {
        var critical = units.FirstOrDefault(u => u.Plan.IsCriticalCare && u.Ward.FacilityId == journey.Unit.Ward.FacilityId);
        var acuity = critical?.Plan.Type == WardType.Icu ? AcuityLevel.Icu : AcuityLevel.Ccu;
        if (critical is null || !await TransferAsync(journey, critical, acuity, "Clinical deterioration: escalated to critical care", cancellationToken))
        {
            At(DischargeTime(journey.Unit.Plan.MeanStayDays), token => DischargeAsync(journey, token));
            return;
        }

        At(clock.Now + Days(1.5 + (random.NextDouble() * 2.5)), token => StepDownAsync(journey, token));
    }

    /// <summary>A patient well enough leaves critical care for a general ward of the facility, or waits a day for a bed.</summary>
    private async Task StepDownAsync(Journey journey, CancellationToken cancellationToken)
    {
        var ward = units.FirstOrDefault(u => !u.Plan.IsCriticalCare && u.Plan.Type == WardType.General
            && u.Ward.FacilityId == journey.Unit.Ward.FacilityId && Fits(u.Plan, journey.Patient) && FreeBed(u) is not null);
        if (ward is not null && await TransferAsync(journey, ward, AcuityLevel.Standard, "Stepped down from critical care", cancellationToken))
        {
            At(DischargeTime(ward.Plan.MeanStayDays * 0.6), token => DischargeAsync(journey, token));
            return;
        }

        At(clock.Now + Days(1), token => StepDownAsync(journey, token));
    }

    private async Task<bool> TransferAsync(Journey journey, Unit to, AcuityLevel acuity, string reason, CancellationToken cancellationToken)
    {
        if (FreeBed(to) is not { } bed)
        {
            return false;
        }

        var request = new TransferPatientRequest(bed.Id, reason, to.Ward.DepartmentId, null, acuity, null, null, null);
        var result = await TransferPatient.Handle(journey.AdmissionId, request, db, directory, clock, tenant, new DefaultHttpContext(), cancellationToken);
        if (result.Result is not Ok<AdmissionResponse>)
        {
            return false;
        }

        Vacated(journey.BedId);
        status[bed.Id] = BedStatus.Occupied;
        (journey.Unit, journey.BedId) = (to, bed.Id);
        return true;
    }

    private async Task DischargeAsync(Journey journey, CancellationToken cancellationToken)
    {
        var age = DemoPeople.AgeAt(journey.Patient, clock.Now);
        var died = journey.Unit.Plan.IsCriticalCare && random.NextDouble() < 0.05;
        var disposition = died ? DischargeDisposition.Morgue
            : age >= 80 && random.NextDouble() < 0.4 ? DischargeDisposition.NursingFacility
            : age >= 65 && random.NextDouble() < 0.3 ? DischargeDisposition.HomeWithServices
            : DischargeDisposition.Home;
        var request = new DischargePatientRequest(
            died ? DischargeType.Death : DischargeType.Normal, disposition, died ? "Died in critical care." : "Recovered; follow-up with the primary practitioner.", null);
        var result = await DischargePatient.Handle(journey.AdmissionId, request, db, directory, clock, tenant, new DefaultHttpContext(), cancellationToken);
        if (result.Result is Ok<AdmissionResponse>)
        {
            Vacated(journey.BedId);
            people.Discharged(journey.Patient.Id, clock.Now);
        }
    }

    /// <summary>The bed goes to cleaning; housekeeping has it ready one to three hours later.</summary>
    private void Vacated(Guid bedId)
    {
        status[bedId] = BedStatus.Cleaning;
        At(clock.Now + Hours(1 + (random.NextDouble() * 2)), async token =>
        {
            if ((await ChangeBedStatus.MarkClean(bedId, db, clock, tenant, token)).Result is Ok<BedResponse>)
            {
                status[bedId] = BedStatus.Available;
            }
        });
    }

    private async Task MaintenanceAsync(Unit unit, TimeSpan? duration, CancellationToken cancellationToken)
    {
        if (FreeBed(unit) is not { } bed)
        {
            return;
        }

        var reason = new BedStatusReasonRequest(MaintenanceReasons[random.Next(MaintenanceReasons.Length)]);
        if ((await ChangeBedStatus.StartMaintenance(bed.Id, reason, db, clock, tenant, cancellationToken)).Result is not Ok<BedResponse>)
        {
            return;
        }

        status[bed.Id] = BedStatus.Maintenance;
        if (duration is { } repair)
        {
            At(clock.Now + repair, async token =>
            {
                if ((await ChangeBedStatus.ReturnToService(bed.Id, null, db, clock, tenant, token)).Result is Ok<BedResponse>)
                {
                    status[bed.Id] = BedStatus.Available;
                }
            });
        }
    }

    private async Task BlockAsync(Unit unit, CancellationToken cancellationToken)
    {
        var reason = new BedStatusReasonRequest("Awaiting infection-control deep clean");
        if (FreeBed(unit) is { } bed && (await ChangeBedStatus.Block(bed.Id, reason, db, clock, tenant, cancellationToken)).Result is Ok<BedResponse>)
        {
            status[bed.Id] = BedStatus.Blocked;
        }
    }

    private Bed? FreeBed(Unit unit)
    {
        var free = unit.Beds.Where(b => status[b.Id] == BedStatus.Available).ToList();
        return free.Count == 0 ? null : free[random.Next(free.Count)];
    }

    private bool Fits(DemoWard ward, PatientSummary patient)
    {
        var age = DemoPeople.AgeAt(patient, clock.Now);
        var female = patient.Gender == "female";
        return ward.Type == WardType.Maternity ? female && age is >= 18 and <= 42
            : ward.BedType == BedType.Pediatric ? age < 16
            : age >= 16 && (ward.Policy != GenderPolicy.Female || female) && (ward.Policy != GenderPolicy.Male || patient.Gender == "male");
    }

    /// <summary>Most patients go home in the day: a stay of about <paramref name="meanDays"/> ending between 09:00 and 17:00 UTC.</summary>
    private DateTimeOffset DischargeTime(double meanDays)
    {
        var leaving = clock.Now + Days(meanDays * (0.4 + (random.NextDouble() * 1.2)));
        var day = new DateTimeOffset(leaving.UtcDateTime.Date, TimeSpan.Zero) + Hours(9 + (random.NextDouble() * 8));
        return day > clock.Now + Hours(4) ? day : day + Days(1);
    }

    private double Exponential(double perDay) => -Math.Log(1 - random.NextDouble()) / perDay;

    private void At(DateTimeOffset at, Func<CancellationToken, Task> step) => agenda.Enqueue(step, (Minute(at), order++));

    private static TimeSpan Days(double days) => TimeSpan.FromDays(days);

    private static TimeSpan Hours(double hours) => TimeSpan.FromHours(hours);

    private sealed class SimulatedClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
