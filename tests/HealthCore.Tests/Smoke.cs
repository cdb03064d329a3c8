namespace HealthCore.Tests;
public class Smoke { [Fact] public void Works() => 1.ShouldBe(1); }
