package org.yiwang.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionAttribute;
import org.yiwang.mpi.ResidentDirectory;
import org.yiwang.mpi.Residents;

/** Which reads run without a transaction of their own (each saves a round trip to PostgreSQL) and which writes keep one. */
class AuditedReadsTests {

    private final AnnotationTransactionAttributeSource transactions = new AnnotationTransactionAttributeSource(false);

    @Test
    void residentAndRecordReadsJoinACallersTransactionButOpenNone() throws NoSuchMethodException {
        for (Method read : new Method[] {
                Residents.class.getMethod("findById", long.class, String.class),
                Residents.class.getMethod("findByIdNumber", String.class, String.class),
                Residents.class.getMethod("recordIds", long.class),
                ResidentDirectory.class.getMethod("currentResident", long.class, String.class),
                HealthRecord.class.getMethod("timeline", long.class, TimelineQuery.class, String.class),
                HealthRecord.class.getMethod("find", long.class, String.class),
                RecordAccess.class.getDeclaredMethod("require", long.class, String.class)}) {
            assertThat(attribute(read).getPropagationBehavior()).as(read.getName())
                    .isEqualTo(TransactionAttribute.PROPAGATION_SUPPORTS);
        }
    }

    @Test
    void aRefusedRecordReadLeavesTheCallersTransactionCommittableAndOtherFailuresDoNot() throws NoSuchMethodException {
        for (Method read : new Method[] {
                HealthRecord.class.getMethod("timeline", long.class, TimelineQuery.class, String.class),
                RecordAccess.class.getDeclaredMethod("require", long.class, String.class)}) {
            assertThat(attribute(read).rollbackOn(new RecordAccessDeniedException(1, false))).isFalse();
            assertThat(attribute(read).rollbackOn(new IllegalStateException("database gone"))).isTrue();
        }
    }

    @Test
    void recordWritesKeepTheirTransaction() throws NoSuchMethodException {
        Method write = HealthRecord.class.getMethod("record", NewEntry.class, String.class);
        assertThat(attribute(write).getPropagationBehavior()).isEqualTo(TransactionAttribute.PROPAGATION_REQUIRED);
    }

    private TransactionAttribute attribute(Method method) {
        TransactionAttribute attribute = transactions.getTransactionAttribute(method, method.getDeclaringClass());
        assertThat(attribute).as(method.getName()).isNotNull();
        return attribute;
    }
}
