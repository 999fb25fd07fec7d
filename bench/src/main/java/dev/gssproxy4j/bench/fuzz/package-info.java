/**
 * {@code bench/run fuzz}: an end-to-end, structure-aware fuzzer against a real gssproxy4j daemon process.
 *
 * <p>How the pieces fit: {@link dev.gssproxy4j.bench.fuzz.FuzzCommand} starts a throwaway realm
 * ({@code FuzzRealm}) and the daemon ({@code FuzzDaemon}, configured by {@code FuzzConfig}), builds valid calls for
 * that realm through the daemon ({@code SeedBuilder}) plus the captured ones of {@code shared/wire}
 * ({@code CapturedSeeds}), and runs the {@code FuzzCampaign}. For each call number {@code MutantFactory} derives
 * one input from the run's seed: the decoded arguments mutated by field ({@code StructureMutator} over
 * {@code ArgTree}, with {@code OidMutator}, {@code NameTokenMutator}, {@code TextMutator}, {@code NumberMutator},
 * {@code BytesMutator} and values from other calls in {@code Material}), or the encoded record mutated by byte
 * ({@code RecordMutator}). Answers are classified ({@code Outcomes}); deaths, SYSTEM_ERR, hangs, memory blow-ups
 * and malformed replies are handled by {@code Incidents} ({@code CrashHandler} and {@code Triage} find the call
 * that did it) and saved for reproduction ({@code ReproStore}); {@code Replay} sends saved records again.
 *
 * <p>Nothing here prints token, key or handle bytes: inputs are named by what was done to which field, and bytes
 * go only into the reproduction files.
 */
package dev.gssproxy4j.bench.fuzz;
