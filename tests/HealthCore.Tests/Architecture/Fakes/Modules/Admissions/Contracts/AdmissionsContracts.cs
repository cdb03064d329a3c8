namespace HealthCore.Tests.Architecture.Fakes.Modules.Admissions.Contracts;

public sealed record PatientAdmitted(Guid PatientId);
