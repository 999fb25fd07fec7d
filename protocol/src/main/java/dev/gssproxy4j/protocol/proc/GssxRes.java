package dev.gssproxy4j.protocol.proc;

import dev.gssproxy4j.protocol.GssxStatus;
import dev.gssproxy4j.protocol.GssxStruct;

/** The results of one procedure ({@code gssx_res_*}); every one starts with the GSS status. */
public sealed interface GssxRes extends GssxStruct permits ResIndicateMechs, ResGetCallContext,
        ResImportAndCanonName, ResExportCred, ResImportCred, ResAcquireCred, ResStoreCred, ResInitSecContext,
        ResAcceptSecContext, ResReleaseHandle, ResGetMic, ResVerifyMic, ResWrap, ResUnwrap, ResWrapSizeLimit {

    GssxStatus status();
}
