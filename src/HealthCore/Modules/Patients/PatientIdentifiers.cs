namespace HealthCore.Modules.Patients;

/// <summary>Splits submitted identifiers into clear and protected ones and derives the patient's lookup keys.</summary>
internal static class PatientIdentifiers
{
    /// <summary>
    /// Protected values are encrypted under the current key. A masked value sent back unchanged (a caller without
    /// patients.identifiers.read editing other fields) keeps the stored value instead of storing the mask.
    /// </summary>
    public static (List<Identifier> Plain, List<ProtectedIdentifier> Protected) Split(
        IdentifierProtector protector, Guid tenantId, IReadOnlyList<Identifier>? submitted, IReadOnlyList<Identifier> current)
    {
        var plain = new List<Identifier>();
        var encrypted = new List<ProtectedIdentifier>();
        foreach (var identifier in submitted ?? [])
        {
            var system = identifier.System.Trim();
            var value = identifier.Value.Trim();
            if (!protector.IsProtected(system))
            {
                plain.Add(new Identifier(system, value));
                continue;
            }

            var unchanged = current.FirstOrDefault(c => string.Equals(c.System, system, StringComparison.OrdinalIgnoreCase)
                && (c.Value == value || IdentifierProtector.Mask(c.Value) == value));
            encrypted.Add(protector.Encrypt(tenantId, system, unchanged?.Value ?? value));
        }

        return (plain, encrypted);
    }

    /// <summary>The patient's identifiers with protected values decrypted: for merging a patch and for duplicate checks.</summary>
    public static List<Identifier> Decrypted(IdentifierProtector protector, Patient patient) =>
        [.. patient.Identifiers, .. patient.ProtectedIdentifiers.Select(i => new Identifier(i.System, protector.Decrypt(patient.TenantId, i)))];

    public static List<PatientLookupKey> LookupKeys(IdentifierProtector protector, Patient patient, IEnumerable<Identifier> identifiers) =>
    [
        .. identifiers
            .Select(i => (System: i.System.Trim().ToLowerInvariant(), Key: protector.LookupKey(patient.TenantId, i.System.Trim(), i.Value)))
            .Concat(patient.Phones.Select(phone => (System: PatientLookupKey.PhoneSystem, Key: phone)))
            .Distinct()
            .Select(k => new PatientLookupKey { TenantId = patient.TenantId, PatientId = patient.Id, System = k.System, Key = k.Key }),
    ];
}
