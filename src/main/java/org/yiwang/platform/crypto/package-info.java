/**
 * Public API of field encryption (SM4-GCM or AES-GCM), keyed blind indexes (HMAC-SM3 or HMAC-SHA-256), integrity MACs and display masking.
 */
@NamedInterface("crypto")
package org.yiwang.platform.crypto;

import org.springframework.modulith.NamedInterface;
