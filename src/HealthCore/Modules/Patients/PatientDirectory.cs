using HealthCore.Modules.Patients.Contracts;
using Microsoft.EntityFrameworkCore;

namespace HealthCore.Modules.Patients;

internal sealed class PatientDirectory(PatientsDb db) : IPatientDirectory
{
    public async Task<PatientSummary?> FindAsync(Guid patientId, CancellationToken cancellationToken)
    {
        var patient = await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Id == patientId, cancellationToken);
        return patient is null
            ? null
            : new PatientSummary(patient.Id, patient.Mrn, patient.DisplayName, patient.BirthDate, patient.Gender.ToString().ToLowerInvariant(), patient.Active, patient.Deceased);
    }
}
