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

internal sealed class PatientContacts(PatientsDb db) : IPatientContacts
{
    public async Task<PatientContact?> FindAsync(Guid patientId, CancellationToken cancellationToken)
    {
        var patient = await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Id == patientId, cancellationToken);
        if (patient is null)
        {
            return null;
        }

        var current = patient.Telecom.Where(t => t.Use != ContactPointUse.Old).ToList();
        var email = current.FirstOrDefault(t => t.System == ContactPointSystem.Email)?.Value;
        var phone = current.Where(t => t.System == ContactPointSystem.Phone).OrderBy(t => t.Use == ContactPointUse.Mobile ? 0 : 1).FirstOrDefault()?.Value;
        return new PatientContact(patient.Id, patient.DisplayName, email, phone);
    }
}
