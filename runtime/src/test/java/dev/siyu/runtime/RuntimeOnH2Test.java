package dev.siyu.runtime;

import javax.sql.DataSource;

/** The runtime's behaviour on an embedded H2 database. */
class RuntimeOnH2Test extends RuntimeContract {
    @Override
    DataSource database() {
        return Databases.h2();
    }
}
