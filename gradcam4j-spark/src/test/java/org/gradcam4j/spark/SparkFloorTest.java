package org.gradcam4j.spark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The spark floor (docs/architecture.md; LayeringTest in gradcam4j-cli, which cannot see Spark, holds
 * the table): a client of core, eval and inspect, never of the command line, the server or the zoo.
 */
class SparkFloorTest {
  @Test
  void sparkUsesOnlyCoreEvalAndInspect() throws Exception {
    JavaClasses classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPath(Path.of(SparkExplainer.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    assertThat(classes.size()).isGreaterThan(5);
    noClasses().that().resideInAPackage("org.gradcam4j.spark..")
        .should().dependOnClassesThat().resideInAnyPackage("org.gradcam4j.cli..", "org.gradcam4j.bench..",
            "org.gradcam4j.server..", "org.gradcam4j.zoo..")
        .check(classes);
  }
}
