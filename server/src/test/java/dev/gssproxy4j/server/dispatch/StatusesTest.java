package dev.gssproxy4j.server.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gssproxy4j.mech.Gss;
import dev.gssproxy4j.mech.GssStatus;
import dev.gssproxy4j.mech.MajorStatus;
import dev.gssproxy4j.mech.Oid;
import dev.gssproxy4j.mech.posix.Posix;
import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.server.error.Errno;
import dev.gssproxy4j.server.error.GssErrors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dispatcher's one mapping of an error to a {@code gssx_status}: the daemon's errors get the library's text. */
class StatusesTest {

    private static Gss gss;

    @BeforeAll
    static void library() {
        Posix.setenv("GSS_USE_PROXY", "NO");
        gss = Gss.get();
    }

    @Test
    void anErrorOfOurOwnGetsTheLibrarysMajorTextAndKeepsItsMinor() {
        GssxStatus status = Statuses.of(GssErrors.of(MajorStatus.GSS_S_NO_CRED, Errno.EACCES, Oid.KRB5,
                "no ccache").status(), gss);
        assertEquals(MajorStatus.GSS_S_NO_CRED.value(), status.majorStatus());
        assertEquals(gss.displayStatus(MajorStatus.GSS_S_NO_CRED.value(), 0, null).majorMessage(),
                status.majorStatusString().toText());
        assertEquals(13, status.minorStatus());
        assertEquals("gssproxy4j: no ccache", status.minorStatusString().toText());
        assertEquals(Statuses.oid(Oid.KRB5), status.mech());
    }

    @Test
    void theLibrarysOwnTextsAreSentAsTheyAre() {
        GssStatus library = new GssStatus(MajorStatus.GSS_S_FAILURE.value(), 0x96c73a37L, Oid.KRB5, "major words",
                "minor words");
        assertEquals(Statuses.of(library), Statuses.of(library, gss));
    }

    @Test
    void aTextOfTheProceduresOwnHasNoPrefixAndABareErrorNoMinorText() {
        assertEquals("qop 1 is odd", Statuses.of(GssErrors.withText(MajorStatus.GSS_S_BAD_QOP, Errno.EINVAL,
                "qop 1 is odd").status(), gss).minorStatusString().toText());
        GssxStatus bare = Statuses.of(GssErrors.bare(MajorStatus.GSS_S_CALL_BAD_STRUCTURE).status(), gss);
        assertEquals(0, bare.minorStatus());
        assertEquals(0, bare.minorStatusString().length());
        assertEquals(0, bare.mech().length());
    }
}
