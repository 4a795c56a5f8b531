@echo off
rem Trainyard's command line on Windows: the JDK of JAVA_HOME, else the java on the PATH (17 or newer), jars in ..\lib.
setlocal
set "TRAINYARD_HOME=%~dp0.."
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java"
if not defined OMP_NUM_THREADS set "OMP_NUM_THREADS=1"
"%JAVA%" -XX:InitialRAMPercentage=5 %TRAINYARD_JAVA_OPTS% -cp "%TRAINYARD_HOME%\lib\*" io.trainyard.engine.cli.Main %*
