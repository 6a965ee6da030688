/**
 * Cross-cutting platform: embedded database, security and accounts, audit trail, cryptography, web layout, i18n, error handling and the demo-data driver. Depends on no other module.
 */
@ApplicationModule(displayName = "platform", allowedDependencies = {})
package org.yiwang.platform;

import org.springframework.modulith.ApplicationModule;
