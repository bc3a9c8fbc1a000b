// Probe: is one multi-row INSERT of a relayed act's three outbox references cheaper than three
// single-row INSERTs, on this machine's SQLite? (docs/PERFORMANCE.md, "Tried and not kept".)
// The outbox table as the schema makes it, in memory, 300 000 acts in one transaction, each
// statement prepared once and reset, values bound as the daemons bind them.
//
//   gcc -O2 -o /tmp/multirow-insert Benchmarks/probes/multirow-insert.c -lsqlite3
//   /tmp/multirow-insert 0   # three single-row inserts per act
//   /tmp/multirow-insert 1   # one three-row insert per act
#include <stdlib.h>
#include <sqlite3.h>
#include <stdio.h>
#include <time.h>
#include <string.h>
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec/1e9;}
int main(int argc,char**argv){
  int multi=atoi(argv[1]); sqlite3*db; sqlite3_open(":memory:",&db);
  sqlite3_exec(db,"CREATE TABLE outbox (stream TEXT NOT NULL, seq INTEGER NOT NULL, id TEXT NOT NULL, type TEXT NOT NULL, header BLOB NOT NULL, body BLOB NOT NULL, recorded_at INTEGER NOT NULL, handover INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (stream, seq)) WITHOUT ROWID",0,0,0);
  const char*one="INSERT INTO outbox (stream, seq, id, type, header, body, recorded_at) VALUES (?, ?, ?, ?, x'', x'', ?)";
  const char*three="INSERT INTO outbox (stream, seq, id, type, header, body, recorded_at) VALUES (?, ?, ?, ?, x'', x'', ?), (?, ?, ?, ?, x'', x'', ?), (?, ?, ?, ?, x'', x'', ?)";
  sqlite3_stmt*s; sqlite3_prepare_v2(db,multi?three:one,-1,&s,0);
  const char*streams[3]={"cong-an","so-vhttdl","so-khdt"};
  char id[48]; int N=300000; double t0=now();
  sqlite3_exec(db,"BEGIN",0,0,0);
  for(int a=0;a<N;a++){
    snprintf(id,sizeof id,"0b7d4f0e-%08d-4c1e-9a55-3f2f2b1d%04d",a,a%10000);
    if(multi){ sqlite3_reset(s); for(int r=0;r<3;r++){int b=r*5; sqlite3_bind_text(s,b+1,streams[r],-1,SQLITE_STATIC); sqlite3_bind_int64(s,b+2,a+1); sqlite3_bind_text(s,b+3,id,-1,SQLITE_TRANSIENT); sqlite3_bind_text(s,b+4,"business.registered",-1,SQLITE_STATIC); sqlite3_bind_int64(s,b+5,1795000000000LL);} if(sqlite3_step(s)!=SQLITE_DONE){printf("err %s\n",sqlite3_errmsg(db));return 1;} }
    else for(int r=0;r<3;r++){ sqlite3_reset(s); sqlite3_bind_text(s,1,streams[r],-1,SQLITE_STATIC); sqlite3_bind_int64(s,2,a+1); sqlite3_bind_text(s,3,id,-1,SQLITE_TRANSIENT); sqlite3_bind_text(s,4,"business.registered",-1,SQLITE_STATIC); sqlite3_bind_int64(s,5,1795000000000LL); if(sqlite3_step(s)!=SQLITE_DONE){printf("err\n");return 1;} }
  }
  sqlite3_exec(db,"COMMIT",0,0,0);
  printf("%s: %.2f us per act (3 rows)\n",multi?"one 3-row insert":"three inserts",(now()-t0)/N*1e6);
}
