package dev.gssproxy4j.bench.fuzz;

import dev.gssproxy4j.testkit.CapturedRecords;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The records of {@code shared/wire} as seeds: decodable calls become call seeds, broken ones raw seeds. */
class CapturedSeedsTest {

    @Test
    void capturedCallsAreSeedsAndMutateWithoutErrors() {
        Path wire = sharedWire();
        assumeTrue(Files.isDirectory(wire), "no shared/wire beside the checkout");
        List<Seed> seeds = new ArrayList<>();
        Material material = new Material();
        int count = CapturedSeeds.load(wire, true, seeds, material);
        assertTrue(count >= 20, count + " captured calls");
        assertTrue(seeds.stream().anyMatch(s -> s instanceof Seed.Raw raw && raw.name().contains("non-last")),
                "the broken-framing case is a raw seed");
        assertTrue(seeds.stream().anyMatch(s -> s instanceof Seed.Call call && call.target() == Target.TRUSTED),
                "kernel calls go to the trusted socket");
        seeds.addAll(TestSeeds.seeds());
        seeds.stream().filter(Seed.Call.class::isInstance).map(Seed.Call.class::cast)
                .forEach(call -> material.harvest(call.args()));
        MutantFactory factory = new MutantFactory(seeds, material.freeze(), 99);
        for (long i = 0; i < 2000; i++) {
            assertTrue(factory.mutant(i).record().length > 0);
        }
    }

    private static Path sharedWire() {
        return CapturedRecords.wireDir();
    }
}
