namespace HealthCore.Modules.Clinical;

/// <summary>A codable ICD-10-CM diagnosis: the dotted code (E11.9), its description, and where it sits in the classification.</summary>
internal sealed record Icd10Code(string Code, string Display, Icd10Block Block)
{
    public Icd10Chapter Chapter => Block.Chapter;
}
