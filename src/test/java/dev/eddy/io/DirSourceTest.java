package dev.eddy.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.testing.Partitions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirSourceTest {

    @TempDir
    Path dir;

    @BeforeEach
    void files() throws IOException {
        Files.writeString(dir.resolve("b.log"), "b1\nb2\nb3\n");
        Files.writeString(dir.resolve("a.log"), "a1\na2\n");
        Files.writeString(dir.resolve("notes.txt"), "n1\n");
        Files.createDirectory(dir.resolve("old"));
        Files.writeString(dir.resolve("old").resolve("c.log"), "c1\n");
    }

    @Test
    void eachMatchingFileIsAPartitionNamedByItsRelativePath() {
        assertThat(new DirSource(dir, "*.log").listParts()).containsExactly("a.log", "b.log");
    }

    @Test
    void theDefaultGlobTakesEveryFileAtTheTopLevel() {
        assertThat(new DirSource(dir).listParts()).containsExactly("a.log", "b.log", "notes.txt");
    }

    @Test
    void aDoubleStarGlobReachesIntoSubfolders() {
        assertThat(new DirSource(dir, "**/*.log").listParts()).containsExactly("old/c.log");
    }

    @Test
    void emitsEveryLineOfEveryFileInterleavedByBatch() {
        assertThat(Flows.collect(new DirSource(dir, "*.log", 1)))
                .containsExactly("a1", "b1", "a2", "b2", "b3");
    }

    @Test
    void aMissingDirectoryFailsWhenTheSourceIsBuilt() {
        Path missing = dir.resolve("missing");

        assertThatThrownBy(() -> new DirSource(missing))
                .hasMessageContaining("DirSource directory must exist; got " + missing + " instead; it does not exist");
    }

    @Test
    void aGlobThatMatchesNothingIsAnErrorListingTheFilesThere() {
        assertThatThrownBy(() -> new DirSource(dir, "*.csv"))
                .hasMessage("DirSource glob must match at least one file in " + dir + "; got '*.csv' instead;"
                        + " files there: a.log, b.log, notes.txt, old/c.log");
    }

    @Test
    void eachPartitionResumesFromItsOwnPosition() {
        var source = new DirSource(dir, "*.log", 1);
        var part = source.buildPart("eg.inp", "b.log", null);
        part.nextBatch();
        FilePosition snapshot = part.snapshot();
        part.close();

        var resumed = source.buildPart("eg.inp", "b.log", snapshot);

        assertThat(Partitions.drain(resumed)).containsExactly("b2", "b3");
        resumed.close();
    }

    @Test
    void buildingAPartThatWasNotListedIsAnError() {
        assertThatThrownBy(() -> new DirSource(dir, "*.log").buildPart("eg.inp", "notes.txt", null))
                .hasMessage("DirSource in step 'eg.inp' part must be one of [a.log, b.log]; got 'notes.txt' instead");
    }
}
