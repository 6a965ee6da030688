package org.yiwang.ecg;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** No recording with this id: a 404 for pages and APIs. */
public class EcgRecordingNotFoundException extends ResponseStatusException {

    public EcgRecordingNotFoundException(long recordingId) {
        super(HttpStatus.NOT_FOUND, "no ECG recording " + recordingId);
    }
}
