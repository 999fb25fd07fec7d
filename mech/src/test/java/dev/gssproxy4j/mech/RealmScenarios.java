package dev.gssproxy4j.mech;

import org.junit.jupiter.api.Test;

/**
 * The {@link ContextScenarios} every realm must pass; a subclass per KDC starts the realm and adds what only that
 * KDC can show.
 */
abstract class RealmScenarios {

    /** The realm the subclass started for all its tests. */
    abstract RealmSession session();

    @Test
    void perMessageBothWays() {
        ContextScenarios.perMessageBothWays(session());
    }

    @Test
    void replayIsReportedAsSupplementaryStatus() {
        ContextScenarios.replayIsReportedAsSupplementaryStatus(session());
    }

    @Test
    void mutualAuthenticationTakesThreeLegs() {
        ContextScenarios.mutualAuthenticationTakesThreeLegs(session());
    }

    @Test
    void completeContextsSurviveExportAndImport() {
        ContextScenarios.completeContextsSurviveExportAndImport(session());
    }

    @Test
    void partialContextSurvivesExportAndImportBetweenLegs() {
        ContextScenarios.partialContextSurvivesExportAndImportBetweenLegs(session());
    }

    @Test
    void credentialsSurviveExportAndImport() {
        ContextScenarios.credentialsSurviveExportAndImport(session());
    }

    @Test
    void clientKeytabCredentialSurvivesExportAndImport() {
        ContextScenarios.clientKeytabCredentialSurvivesExportAndImport(session());
    }

    @Test
    void delegatedCredentialCanInitiate() {
        ContextScenarios.delegatedCredentialCanInitiate(session());
    }

    @Test
    void channelBindingsAreChecked() {
        ContextScenarios.channelBindingsAreChecked(session());
    }

    @Test
    void noCiFlagsKeepsUnrequestedConfAndIntegOut() {
        ContextScenarios.noCiFlagsKeepsUnrequestedConfAndIntegOut(session());
    }

    @Test
    void addCredential() {
        ContextScenarios.addCredential(session());
    }

    @Test
    void memoryKeytabCopyAcceptsWithoutItsFile() throws java.io.IOException {
        ContextScenarios.memoryKeytabCopyAcceptsWithoutItsFile(session());
    }

    @Test
    void storedCredentialCanBeAcquiredAgain() {
        ContextScenarios.storedCredentialCanBeAcquiredAgain(session());
    }

    @Test
    void passwordCredentialStoredInAFileCcacheInitiates() {
        ContextScenarios.passwordCredentialStoredInAFileCcacheInitiates(session());
    }
}
