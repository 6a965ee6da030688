package org.yiwang.platform.audit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.core.annotation.AliasFor;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A read and its audit entry, without a database transaction of their own: the statements run one after the other
 * on one connection, each committed by itself; called inside a caller's transaction, they join it. Nothing is lost:
 * under READ COMMITTED each statement of a transaction took its own snapshot anyway, a read has nothing to roll back,
 * and the audit entry is written (and a refusal's entry kept) before the caller gets anything. What it saves is the
 * transaction's own round trip (BEGIN, COMMIT): PostgreSQL's CPU per FHIR read or identifier search falls 6–7 %
 * (docs/benchmarks.md, eleventh run).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Transactional(propagation = Propagation.SUPPORTS)
public @interface AuditedRead {

    /** Exceptions that leave a caller's transaction committable (a refusal whose audit entry must stay). */
    @AliasFor(annotation = Transactional.class, attribute = "noRollbackFor")
    Class<? extends Throwable>[] noRollbackFor() default {};
}
