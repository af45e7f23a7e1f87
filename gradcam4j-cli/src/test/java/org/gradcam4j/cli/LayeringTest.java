package org.gradcam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.Architectures;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The floors of the house, checked on the compiled classes of every module: a package may use only the
 * floors below it, and no two packages may depend on each other, directly or through others.
 *
 * <p>The table {@link #FLOORS} is the one place where the layering is written down; docs/architecture.md
 * shows the same table as a picture. To add a package, add it to the floor it belongs on.
 */
class LayeringTest {

  /** The floors of gradcam4j-core. */
  private static final String[] CORE = {"facade", "model", "render", "methods", "image", "runtime", "targets",
      "autodiff", "onnx", "base"};

  /** Floors from the top down; each entry: floor name, its packages, the floors it may use. */
  static final List<Floor> FLOORS = List.of(
      // ---- the command-line tool: one picocli class per verb, model resolution, the benchmark
      floor("cli", pkgs("cli..", "bench.."), uses("server", "eval", "zoo", "inspect", CORE)),
      // ---- the explain server: a client of the products and core below it, never of the command line
      floor("server", pkgs("server.."), uses("eval", "zoo", "inspect", CORE)),
      // ---- Spark jobs, beside the server: a client of eval, inspect and core (gradcam4j-spark's own
      // SparkFloorTest checks it there: this module's tests cannot see Spark)
      floor("spark", pkgs("spark.."), uses("eval", "inspect", CORE)),
      // ---- products beside each other on top of core, never using each other
      floor("eval", pkgs("eval..", "data..", "train..", "diagnose.attack..", "diagnose.bias..", "diagnose.failures.."), uses(CORE)),
      floor("zoo", pkgs("zoo.."), uses(CORE)),
      floor("inspect", pkgs("inspect.."), uses(CORE)),
      // ---- core, top down
      floor("facade", pkgs(""), uses("model", "render", "methods", "image", "runtime", "targets", "autodiff", "onnx", "base")),
      floor("model", pkgs("model.."), uses("image", "runtime", "onnx", "base")),
      floor("render", pkgs("render.."), uses("methods", "image", "runtime", "targets", "onnx", "base")),
      floor("methods", pkgs("methods.."), uses("image", "runtime", "targets", "autodiff", "onnx", "base")),
      floor("image", pkgs("image.."), uses("runtime", "onnx", "base")),
      floor("runtime", pkgs("runtime.."), uses("targets", "autodiff", "onnx", "base")),
      floor("targets", pkgs("targets.."), uses("base")),
      floor("autodiff", pkgs("autodiff.."), uses("onnx", "base")),
      floor("onnx", pkgs("onnx.."), uses("base")),
      floor("base", pkgs("error..", "io..", "math.."), uses()));

  /**
   * Floors whose classes this module's tests cannot see (gradcam4j-spark needs Spark, which the CLI must
   * not depend on): they may be empty here, and their own module checks them.
   */
  private static final java.util.Set<String> OUT_OF_SIGHT = java.util.Set.of("spark");

  private static JavaClasses production;

  @BeforeAll
  static void importClasses() {
    production = new ClassFileImporter()
        .withImportOption(location -> !location.contains("/test-classes/") && !location.contains("-tests.jar"))
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.gradcam4j");
  }

  @Test
  void everyProductionClassIsOnAFloor() {
    List<String> homeless = new ArrayList<>();
    for (JavaClass c : production) {
      if (floorOf(c.getPackageName()) == null) {
        homeless.add(c.getName());
      }
    }
    assertThat(homeless).as("classes in packages that FLOORS does not name").isEmpty();
    assertThat(production.size()).as("classes imported from all modules").isGreaterThan(300);
  }

  @Test
  void packagesUseOnlyTheFloorsBelowThem() {
    layering(false).check(production);
  }

  @Test
  void packagesHaveNoCycles() {
    noCycles().check(production);
  }

  /** The rules themselves must notice what they forbid: an upward use and a cycle between packages. */
  @Test
  void theRulesCatchAnUpwardUseAndACycle() {
    JavaClasses upward = new ClassFileImporter().importClasses(
        org.gradcam4j.onnx.layeringfixture.UsesAMethod.class, org.gradcam4j.methods.layeringfixture.AMethod.class);
    EvaluationResult up = layering(true).evaluate(upward);
    assertThat(up.hasViolation()).isTrue();
    assertThat(up.getFailureReport().toString()).contains("UsesAMethod").contains("AMethod");

    JavaClasses cycle = new ClassFileImporter().importClasses(
        org.gradcam4j.targets.layeringfixture.CycleA.class, org.gradcam4j.targets.layeringfixture.sub.CycleB.class);
    EvaluationResult cyc = noCycles().evaluate(cycle);
    assertThat(cyc.hasViolation()).isTrue();
    assertThat(cyc.getFailureReport().toString()).contains("CycleA").contains("CycleB");
    // the same classes obey the layering (one floor): only the cycle rule can catch them
    assertThat(layering(true).evaluate(cycle).hasViolation()).isFalse();
  }

  /** The layering of {@link #FLOORS}; {@code fixtures}: floors may be empty (the fixture classes fill only two). */
  static ArchRule layering(boolean fixtures) {
    Architectures.LayeredArchitecture arch = Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers()
        .withOptionalLayers(fixtures);
    for (Floor f : FLOORS) {
      arch = OUT_OF_SIGHT.contains(f.name) ? arch.optionalLayer(f.name).definedBy(f.packages)
          : arch.layer(f.name).definedBy(f.packages);
    }
    for (Floor f : FLOORS) {
      arch = f.uses.length == 0 ? arch.whereLayer(f.name).mayNotAccessAnyLayer()
          : arch.whereLayer(f.name).mayOnlyAccessLayers(f.uses);
    }
    return arch.because("dependencies point down only (docs/architecture.md)");
  }

  /** Every package is its own slice: a cycle between any two packages, sub-packages included, fails. */
  static ArchRule noCycles() {
    return SlicesRuleDefinition.slices().assignedFrom(new SliceAssignment() {
      @Override
      public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
        String p = javaClass.getPackageName();
        return p.startsWith("org.gradcam4j") ? SliceIdentifier.of(p) : SliceIdentifier.ignore();
      }

      @Override
      public String getDescription() {
        return "packages of gradcam4j";
      }
    }).should().beFreeOfCycles();
  }

  private static Floor floorOf(String pkg) {
    for (Floor f : FLOORS) {
      for (String p : f.packages) {
        String base = p.endsWith("..") ? p.substring(0, p.length() - 2) : p;
        if (pkg.equals(base) || (p.endsWith("..") && pkg.startsWith(base + "."))) {
          return f;
        }
      }
    }
    return null;
  }

  record Floor(String name, String[] packages, String[] uses) {}

  private static Floor floor(String name, String[] packages, String[] uses) {
    return new Floor(name, packages, uses);
  }

  private static String[] pkgs(String... relative) {
    String[] out = new String[relative.length];
    for (int i = 0; i < relative.length; i++) {
      out[i] = relative[i].isEmpty() ? "org.gradcam4j" : "org.gradcam4j." + relative[i];
    }
    return out;
  }

  private static String[] uses(Object... floors) {
    List<String> out = new ArrayList<>();
    for (Object o : floors) {
      if (o instanceof String[] many) {
        out.addAll(List.of(many));
      } else {
        out.add((String) o);
      }
    }
    return out.toArray(String[]::new);
  }
}
