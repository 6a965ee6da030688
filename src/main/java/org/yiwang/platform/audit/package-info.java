/**
 * Public API of the audit trail: record security events and every read and write of a resident's health data; verify the hash chain.
 */
@NamedInterface("audit")
package org.yiwang.platform.audit;

import org.springframework.modulith.NamedInterface;
