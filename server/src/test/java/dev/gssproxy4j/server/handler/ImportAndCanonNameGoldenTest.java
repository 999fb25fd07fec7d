package dev.gssproxy4j.server.handler;

import dev.gssproxy4j.server.ServerRealm;
import dev.gssproxy4j.testkit.CapturedRecords;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.gssproxy4j.mech.posix.Posix;
import dev.gssproxy4j.protocol.DecodedMessage;
import dev.gssproxy4j.protocol.GssProxyMessages;
import dev.gssproxy4j.protocol.Procedure;
import dev.gssproxy4j.protocol.proc.ArgImportAndCanonName;
import dev.gssproxy4j.protocol.proc.ResImportAndCanonName;
import dev.gssproxy4j.server.config.ServiceConfig;
import dev.gssproxy4j.testkit.Realm;
import dev.gssproxy4j.testkit.Realms;
import dev.gssproxy4j.xdr.XdrLimits;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code gss_localname} through the interposer (golden accept/05), replayed in a realm named like the capture's. */
class ImportAndCanonNameGoldenTest {

    @Test
    void theInterposersLocalnameCallGetsUpstreamsReplyByteForByte() throws Exception {
        Path wire = CapturedRecords.folder("accept");
        byte[] call = Files.readAllBytes(wire.resolve("05-IMPORT_AND_CANON_NAME.call.bin"));
        byte[] golden = Files.readAllBytes(wire.resolve("05-IMPORT_AND_CANON_NAME.reply.bin"));
        DecodedMessage message = GssProxyMessages.decodeMessage(call, 4, call.length,
                Optional.of(Procedure.IMPORT_AND_CANON_NAME), XdrLimits.DEFAULT);
        ArgImportAndCanonName args = (ArgImportAndCanonName) ((DecodedMessage.Args) message.body()).args();

        Posix.setenv("GSS_USE_PROXY", "NO");
        try (Realm realm = Realms.kerby("EXAMPLE.TEST")) {
            realm.environment().forEach(Posix::setenv);
            ResImportAndCanonName result = new ImportAndCanonName().handle(args, ServerRealm.call(
                    ServiceConfig.builder("golden").euid(ServerRealm.CALLER_UID).build(),
                    ServerRealm.resourcesWithoutRealm()));
            int xid = ByteBuffer.wrap(golden, 4, 4).getInt();
            assertArrayEquals(golden, GssProxyMessages.encodeReply(xid, Procedure.IMPORT_AND_CANON_NAME, result,
                    GssProxyMessages.MAX_RECORD));
        }
    }
}
