package dev.gssproxy4j.protocol;

import dev.gssproxy4j.xdr.Opaque;
import dev.gssproxy4j.xdr.XdrReader;
import dev.gssproxy4j.xdr.XdrWriter;
import java.util.Objects;

/**
 * {@code union gssx_handle switch (gssx_handle_type handle_type)}: the argument of RELEASE_HANDLE. The union has a
 * {@code default: octet_string extensions} arm for future handle types, so any other discriminant decodes into
 * {@link Other} and is re-encoded unchanged (upstream answers it with GSS_S_CALL_BAD_STRUCTURE).
 */
public sealed interface GssxHandle extends GssxStruct permits GssxHandle.Cred, GssxHandle.SecCtx, GssxHandle.Other {

    /** The discriminant as sent on the wire. */
    int handleType();

    /** {@code GSSX_C_HANDLE_CRED: gssx_cred cred_info}. */
    record Cred(GssxCred credInfo) implements GssxHandle {
        public Cred {
            Objects.requireNonNull(credInfo, "credInfo");
        }

        @Override
        public int handleType() {
            return HandleType.CRED.wireValue();
        }

        @Override
        public void encode(XdrWriter writer) {
            writer.writeInt(handleType());
            credInfo.encode(writer);
        }
    }

    /** {@code GSSX_C_HANDLE_SEC_CTX: gssx_ctx sec_ctx_info}. */
    record SecCtx(GssxCtx secCtxInfo) implements GssxHandle {
        public SecCtx {
            Objects.requireNonNull(secCtxInfo, "secCtxInfo");
        }

        @Override
        public int handleType() {
            return HandleType.SEC_CTX.wireValue();
        }

        @Override
        public void encode(XdrWriter writer) {
            writer.writeInt(handleType());
            secCtxInfo.encode(writer);
        }
    }

    /** {@code default: octet_string extensions}, for any discriminant but the two above. */
    record Other(int handleType, Opaque extensions) implements GssxHandle {
        public Other {
            if (HandleType.fromWire(handleType).isPresent()) {
                throw new IllegalArgumentException("handle type " + handleType + " has its own arm");
            }
            Objects.requireNonNull(extensions, "extensions");
        }

        @Override
        public void encode(XdrWriter writer) {
            writer.writeInt(handleType).writeOpaque(extensions);
        }
    }

    static GssxHandle decode(XdrReader reader) {
        int type = reader.readInt("handle_type");
        if (type == HandleType.CRED.wireValue()) {
            return new Cred(reader.struct("cred_info", GssxCred::decode));
        }
        if (type == HandleType.SEC_CTX.wireValue()) {
            return new SecCtx(reader.struct("sec_ctx_info", GssxCtx::decode));
        }
        return new Other(type, reader.readOpaque("extensions"));
    }
}
