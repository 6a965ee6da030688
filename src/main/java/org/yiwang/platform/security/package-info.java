/**
 * Public API of platform security: the acting user ({@link org.yiwang.platform.security.CurrentActor}), roles, account administration, and the organisation directory SPI that the registry implements.
 */
@NamedInterface("security")
package org.yiwang.platform.security;

import org.springframework.modulith.NamedInterface;
