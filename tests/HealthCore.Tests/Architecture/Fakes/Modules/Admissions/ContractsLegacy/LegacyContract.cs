namespace HealthCore.Tests.Architecture.Fakes.Modules.Admissions.ContractsLegacy;

// Looks like a Contracts namespace but is not one.
public sealed class LegacyContract;
