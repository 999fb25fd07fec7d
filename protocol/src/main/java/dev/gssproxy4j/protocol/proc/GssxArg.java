package dev.gssproxy4j.protocol.proc;

import dev.gssproxy4j.protocol.CallCtx;
import dev.gssproxy4j.protocol.GssxStruct;

/** The arguments of one procedure ({@code gssx_arg_*}); every one starts with the caller context. */
public sealed interface GssxArg extends GssxStruct permits ArgIndicateMechs, ArgGetCallContext,
        ArgImportAndCanonName, ArgExportCred, ArgImportCred, ArgAcquireCred, ArgStoreCred, ArgInitSecContext,
        ArgAcceptSecContext, ArgReleaseHandle, ArgGetMic, ArgVerifyMic, ArgWrap, ArgUnwrap, ArgWrapSizeLimit {

    CallCtx callCtx();
}
